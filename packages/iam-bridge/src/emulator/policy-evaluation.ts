import type { Caller } from './context.js';
import { EmulatorError } from './errors.js';
import { groupsOfUser } from './group-records.js';
import { parsePolicyDocument, type PolicyStatement } from './policy-document.js';
import { findPolicy } from './policy-records.js';
import { defaultDocument } from './policy-versions.js';
import type { EmulatorStore } from './store.js';
import { findUser, type UserRecord } from './user-records.js';

/**
 * The outcome of evaluating a request against a user's identity policies and boundary.
 *
 * @example
 * const decision: Decision = evaluateIdentityPolicies(store, 'bob', 'iam:GetUser', '*');
 */
export type Decision =
  | { effect: 'Allow' }
  | { effect: 'Deny'; reason: 'explicitDeny' | 'noIdentityAllow' | 'noBoundaryAllow' };

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|+()[\]{}*?]/g, '\\$&');
}

/** IAM's policy variables for an IAM user; `${*}`, `${?}` and `${$}` stand for themselves. */
function policyVariable(name: string, user: UserRecord): string | undefined {
  const key = name.toLowerCase();
  if (key === 'aws:username') return user.name;
  if (key === 'aws:userid') return user.id;
  if (key === 'aws:principaltype') return 'User';
  if (name === '*' || name === '?' || name === '$') return name;
  return undefined;
}

/** Turns an Action or Resource pattern into a regex: `*` any run, `?` any one character. */
function wildcardPattern(pattern: string, flags: string, user?: UserRecord): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    const close = pattern.indexOf('}', index);
    if (user && char === '$' && pattern[index + 1] === '{' && close !== -1) {
      const value = policyVariable(pattern.slice(index + 2, close), user);
      source += escapeRegex(value ?? pattern.slice(index, close + 1));
      index = close;
    } else if (char === '*') {
      source += '.*';
    } else if (char === '?') {
      source += '.';
    } else {
      source += escapeRegex(char);
    }
  }
  return new RegExp(`^${source}$`, flags);
}

function matchesResource(patterns: string[], resource: string, user: UserRecord): boolean {
  return patterns.some((pattern) => wildcardPattern(pattern, '', user).test(resource));
}

/**
 * Whether one statement applies to an action on a resource. Actions match without regard
 * to case, resources with it; `*` and `?` are wildcards in both. Conditions are not
 * evaluated: a statement with a `Condition` applies as though its conditions held.
 *
 * @example
 * statementApplies({ Effect: 'Allow', Action: ['iam:Get*'], Resource: ['*'] },
 *   'iam:GetUser', 'arn:aws:iam::123456789012:user/alice', user); // true
 */
export function statementApplies(
  statement: PolicyStatement,
  action: string,
  resource: string,
  user: UserRecord,
): boolean {
  const actionMatches = (patterns: string[]) =>
    patterns.some((pattern) => wildcardPattern(pattern, 'i').test(action));
  const actionOk = statement.Action
    ? actionMatches(statement.Action)
    : !actionMatches(statement.NotAction ?? []);
  if (!actionOk) return false;

  return statement.Resource
    ? matchesResource(statement.Resource, resource, user)
    : !matchesResource(statement.NotResource ?? [], resource, user);
}

/**
 * The identity policies in force for a user: its inline and attached managed policies and
 * those of every group it belongs to (managed policies at their default version).
 *
 * @example
 * identityPolicyDocuments(store, user).length;
 */
export function identityPolicyDocuments(store: EmulatorStore, user: UserRecord): string[] {
  const owners = [
    { type: 'user', id: user.id },
    ...groupsOfUser(store, user.id).map((group) => ({ type: 'group', id: group.GroupId })),
  ];
  const documents: string[] = [];
  for (const owner of owners) {
    const inline = store.db
      .prepare('SELECT document FROM inline_policies WHERE entity_type = ? AND entity_id = ?')
      .all(owner.type, owner.id) as { document: string }[];
    documents.push(...inline.map((row) => row.document));

    const attached = store.db
      .prepare(
        `SELECT p.arn FROM attachments a JOIN policies p ON p.id = a.policy_id
         WHERE a.entity_type = ? AND a.entity_id = ?`,
      )
      .all(owner.type, owner.id) as { arn: string }[];
    for (const { arn } of attached) {
      const policy = findPolicy(store, arn);
      if (policy) documents.push(defaultDocument(store, policy));
    }
  }
  return documents;
}

function evaluateDocuments(
  documents: string[],
  action: string,
  resource: string,
  user: UserRecord,
): 'Allow' | 'Deny' | 'None' {
  let allowed = false;
  for (const text of documents) {
    for (const statement of parsePolicyDocument(text).Statement) {
      if (!statementApplies(statement, action, resource, user)) continue;
      if (statement.Effect === 'Deny') return 'Deny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'None';
}

/**
 * Evaluates a user's identity policies, then its permissions boundary: an explicit Deny
 * anywhere wins, then an Allow is needed from the identity policies and (when the user has
 * a boundary) from the boundary; otherwise the default is Deny.
 *
 * @example
 * evaluateIdentityPolicies(store, 'bob', 'iam:CreateUser', userArn).effect; // 'Deny'
 */
export function evaluateIdentityPolicies(
  store: EmulatorStore,
  userName: string,
  action: string,
  resource: string,
): Decision {
  const user = findUser(store, userName);
  if (!user) return { effect: 'Deny', reason: 'noIdentityAllow' };

  const identity = evaluateDocuments(identityPolicyDocuments(store, user), action, resource, user);
  if (identity === 'Deny') return { effect: 'Deny', reason: 'explicitDeny' };

  if (user.permissionsBoundary) {
    const boundaryPolicy = findPolicy(store, user.permissionsBoundary);
    const boundaryDocuments = boundaryPolicy ? [defaultDocument(store, boundaryPolicy)] : [];
    const boundary = evaluateDocuments(boundaryDocuments, action, resource, user);
    if (boundary === 'Deny') return { effect: 'Deny', reason: 'explicitDeny' };
    if (identity === 'Allow' && boundary !== 'Allow') {
      return { effect: 'Deny', reason: 'noBoundaryAllow' };
    }
  }
  return identity === 'Allow' ? { effect: 'Allow' } : { effect: 'Deny', reason: 'noIdentityAllow' };
}

/**
 * Whether a principal may perform `action` (e.g. `iam:CreateUser`) on `resourceArn`. The
 * root user may do anything; an IAM user only what its policies allow.
 *
 * @example
 * isAllowed(store, { kind: 'user', userName: 'bob', userId, arn }, 'iam:ListUsers', '*');
 */
export function isAllowed(
  store: EmulatorStore,
  principal: Caller,
  action: string,
  resourceArn: string,
): boolean {
  if (principal.kind === 'root') return true;
  return (
    evaluateIdentityPolicies(store, principal.userName, action, resourceArn).effect === 'Allow'
  );
}

/**
 * Throws AWS's `AccessDenied` (403) unless the caller may perform the action, with AWS's
 * wording for each reason.
 *
 * @example
 * authorize(store, context.caller, 'iam:CreateUser', 'arn:aws:iam::123456789012:user/alice');
 */
export function authorize(
  store: EmulatorStore,
  principal: Caller,
  action: string,
  resourceArn: string,
): void {
  if (principal.kind === 'root') return;

  const decision = evaluateIdentityPolicies(store, principal.userName, action, resourceArn);
  if (decision.effect === 'Allow') return;

  const start =
    `User: ${principal.arn} is not authorized to perform: ${action} ` +
    `on resource: ${resourceArn}`;
  const endings = {
    explicitDeny: ' with an explicit deny in an identity-based policy',
    noIdentityAllow: ` because no identity-based policy allows the ${action} action`,
    noBoundaryAllow: ` because no permissions boundary allows the ${action} action`,
  };
  throw new EmulatorError('AccessDenied', 403, start + endings[decision.reason]);
}
