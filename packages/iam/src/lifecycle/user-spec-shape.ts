/**
 * The fields a user spec may hold, each with the type it must have.
 *
 * @example
 * USER_SPEC_FIELDS.includes('groups'); // true
 */
export const USER_SPEC_FIELDS = [
  'userName',
  'path',
  'permissionsBoundary',
  'tags',
  'groups',
  'managedPolicies',
  'inlinePolicies',
  'loginProfile',
  'accessKey',
] as const;

/**
 * Checks the JSON types of a spec that came from outside the type system (a bulk file, a
 * request body): `groups`/`managedPolicies` lists of strings, `tags` an object of strings
 * or a list of `{Key, Value}`, `inlinePolicies` an object of documents, `loginProfile` a
 * boolean or `{password?, passwordResetRequired?}`, `accessKey` a boolean,
 * `userName`/`path`/`permissionsBoundary` strings, and no other field. Returns one
 * problem per bad field, each naming it; an empty list means the shape is right.
 *
 * @example
 * userSpecShapeProblems({ userName: 'j1', groups: 'staff' });
 * // ['groups must be a list of strings, not the string "staff"']
 */
export function userSpecShapeProblems(spec: unknown): string[] {
  if (!isPlainObject(spec)) return [`a user spec must be an object, not ${describe(spec)}`];

  const problems: string[] = [];
  const known = USER_SPEC_FIELDS as readonly string[];
  for (const field of Object.keys(spec)) {
    if (!known.includes(field)) {
      problems.push(`unknown field ${JSON.stringify(field)} (known: ${known.join(', ')})`);
    }
  }
  const check = (field: string, ok: (value: unknown) => boolean, expected: string) => {
    const value = spec[field];
    if (value !== undefined && !ok(value)) {
      problems.push(`${field} must be ${expected}, not ${describe(value)}`);
    }
  };

  if (typeof spec.userName !== 'string') {
    problems.push(`userName must be a string, not ${describe(spec.userName)}`);
  }
  check('path', isString, 'a string');
  check('permissionsBoundary', isString, 'a string');
  check('groups', isStringList, 'a list of strings');
  check('managedPolicies', isStringList, 'a list of strings');
  check('tags', isTags, 'an object of string values or a list of {"Key", "Value"} strings');
  check('inlinePolicies', isInlinePolicies, 'an object of policy documents (text or objects)');
  check('loginProfile', isLoginProfile, 'a boolean or {"password", "passwordResetRequired"}');
  check('accessKey', isBoolean, 'a boolean');
  return problems;
}

function isString(value: unknown): boolean {
  return typeof value === 'string';
}

function isBoolean(value: unknown): boolean {
  return typeof value === 'boolean';
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every(isString);
}

function isTags(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.every(
      (tag) =>
        isPlainObject(tag) &&
        Object.keys(tag).every((key) => key === 'Key' || key === 'Value') &&
        isString(tag.Key) &&
        isString(tag.Value),
    );
  }
  return isPlainObject(value) && Object.values(value).every(isString);
}

function isInlinePolicies(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    Object.values(value).every((document) => isString(document) || isPlainObject(document))
  );
}

function isLoginProfile(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (!isPlainObject(value)) return false;
  const { password, passwordResetRequired, ...rest } = value;
  return (
    Object.keys(rest).length === 0 &&
    (password === undefined || isString(password)) &&
    (passwordResetRequired === undefined || isBoolean(passwordResetRequired))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Names the JSON type and shows a short form of the value, so a bulk report says what the
// row held ("the string \"staff\"") rather than what JavaScript makes of it.
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  const text = JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  if (Array.isArray(value)) return `the list ${shown}`;
  if (typeof value === 'object') return `the object ${shown}`;
  return `the ${typeof value} ${shown}`;
}
