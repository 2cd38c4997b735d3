// The create form's text fields turned into the body of POST /v1/users, checked against the
// rules the gateway applies, so most mistakes are named next to the field before sending.

/** The create form's values as typed. */
export interface CreateFormValues {
  userName: string;
  path: string;
  groups: string;
  managedPolicies: string;
  tags: string;
  password: 'none' | 'generated' | 'given';
  givenPassword: string;
  passwordResetRequired: boolean;
  accessKey: boolean;
}

/** The body of `POST /v1/users`, as far as the console fills it in. */
export interface UserSpecBody {
  userName: string;
  path?: string;
  groups?: string[];
  managedPolicies?: string[];
  tags?: Record<string, string>;
  loginProfile?: { password?: string; passwordResetRequired: boolean };
  accessKey?: boolean;
}

/** A problem with one field: the form field's name and what is wrong. */
export interface FieldProblem {
  field: keyof CreateFormValues;
  message: string;
}

const NAME = /^[\w+=,.@-]{1,64}$/;
const GROUP = /^[\w+=,.@-]{1,128}$/;
const PATH = /^\/([\x21-\x7e]*\/)?$/;
const POLICY_ARN = /^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+$/;

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Reads the create form into a user spec, or the problems that stop it.
 *
 * @example
 * readUserSpec({ ...values, userName: 'ana', groups: 'devs', accessKey: true }).spec
 * // { userName: 'ana', groups: ['devs'], accessKey: true }
 */
export function readUserSpec(values: CreateFormValues): {
  spec?: UserSpecBody;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const spec: UserSpecBody = { userName: values.userName.trim() };

  if (!NAME.test(spec.userName)) {
    problems.push({
      field: 'userName',
      message: 'A user name is 1-64 of the letters, digits and + = , . @ _ -',
    });
  }

  const path = values.path.trim();
  if (path !== '') {
    if (PATH.test(path) && path.length <= 512) spec.path = path;
    else problems.push({ field: 'path', message: 'A path starts and ends with /, e.g. /staff/' });
  }

  const groups = lines(values.groups);
  const badGroup = groups.find((group) => !GROUP.test(group));
  if (badGroup !== undefined) {
    problems.push({ field: 'groups', message: `${badGroup} is not a valid group name` });
  } else if (groups.length > 10) {
    problems.push({ field: 'groups', message: 'At most 10 groups' });
  } else if (groups.length > 0) spec.groups = groups;

  const policies = lines(values.managedPolicies);
  const badPolicy = policies.find((arn) => !POLICY_ARN.test(arn));
  if (badPolicy !== undefined) {
    problems.push({ field: 'managedPolicies', message: `${badPolicy} is not a policy ARN` });
  } else if (policies.length > 20) {
    problems.push({ field: 'managedPolicies', message: 'At most 20 managed policies' });
  } else if (policies.length > 0) spec.managedPolicies = policies;

  const tags: Record<string, string> = {};
  for (const line of lines(values.tags)) {
    const at = line.indexOf('=');
    const key = at === -1 ? '' : line.slice(0, at).trim();
    if (key === '') {
      problems.push({ field: 'tags', message: `"${line}" is not key=value` });
      break;
    }
    tags[key] = line.slice(at + 1).trim();
  }
  if (Object.keys(tags).length > 0) spec.tags = tags;

  if (values.password === 'given') {
    if (values.givenPassword === '') {
      problems.push({ field: 'givenPassword', message: 'Type the password, or generate one' });
    }
    spec.loginProfile = {
      password: values.givenPassword,
      passwordResetRequired: values.passwordResetRequired,
    };
  } else if (values.password === 'generated') {
    spec.loginProfile = { passwordResetRequired: values.passwordResetRequired };
  }

  if (values.accessKey) spec.accessKey = true;
  return problems.length > 0 ? { problems } : { spec, problems };
}
