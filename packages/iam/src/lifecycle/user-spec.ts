import type { Tag } from '../generated/iam-types.js';
import { LifecycleError } from './lifecycle-error.js';
import { userSpecShapeProblems } from './user-spec-shape.js';

/**
 * A console password for the new user: given, or generated to the account's password
 * policy when `password` is left out. AWS asks for a new password at first sign-in
 * unless `passwordResetRequired` is `false`.
 *
 * @example
 * const loginProfile: LoginProfileSpec = { passwordResetRequired: true }; // generated
 */
export interface LoginProfileSpec {
  password?: string;
  passwordResetRequired?: boolean;
}

/**
 * Everything `createUser` sets up. Inline policy documents are JSON text or objects.
 *
 * @example
 * const spec: UserSpec = {
 *   userName: 'ana', path: '/staff/', tags: { team: 'ops' }, groups: ['developers'],
 *   managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
 *   inlinePolicies: {
 *     'deny-billing': {
 *       Version: '2012-10-17',
 *       Statement: [{ Effect: 'Deny', Action: 'aws-portal:*', Resource: '*' }],
 *     },
 *   },
 *   loginProfile: {}, accessKey: true,
 * };
 */
export interface UserSpec {
  userName: string;
  path?: string;
  permissionsBoundary?: string;
  tags?: Record<string, string> | Tag[];
  groups?: string[];
  managedPolicies?: string[];
  inlinePolicies?: Record<string, string | object>;
  loginProfile?: LoginProfileSpec | boolean;
  accessKey?: boolean;
}

/**
 * A `UserSpec` with defaults applied and documents as text, ready to send and compare.
 *
 * @example
 * normalizeUserSpec({ userName: 'ana' }).path; // '/'
 */
export interface NormalizedUserSpec {
  userName: string;
  path: string;
  permissionsBoundary?: string;
  tags: Tag[];
  groups: string[];
  managedPolicies: string[];
  inlinePolicies: Array<{ policyName: string; policyDocument: string }>;
  loginProfile?: { password?: string; passwordResetRequired: boolean };
  accessKey: boolean;
}

// IAM's documented patterns for user names and paths (userNameType, pathType).
const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const PATH = /^\/([\x21-\x7e]*\/)?$/;
const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ARN = /^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+$/;

/** How deep an inline policy document given as an object may nest (real ones nest 4-5). */
export const MAX_POLICY_DEPTH = 32;

/**
 * Checks a spec's field types (it may come from a JSON file), then IAM's naming rules, and
 * fills in defaults: path `/`, no tags, no groups, `passwordResetRequired: true`.
 * Duplicates are dropped.
 *
 * @throws LifecycleError `InvalidUserSpec` listing every problem found, each naming its
 *   field.
 * @example
 * normalizeUserSpec({ userName: 'ana', loginProfile: true }).loginProfile;
 * // { passwordResetRequired: true }
 */
export function normalizeUserSpec(spec: UserSpec): NormalizedUserSpec {
  // A wrong type would be misread below (a string of groups iterates as letters).
  const shapeProblems = userSpecShapeProblems(spec);
  if (shapeProblems.length > 0) throw invalidSpec(spec, shapeProblems);

  const problems: string[] = [];
  if (!USER_NAME.test(spec.userName)) {
    problems.push(`userName ${JSON.stringify(spec.userName)} must be 1-64 of A-Za-z0-9+=,.@_-`);
  }
  const path = spec.path ?? '/';
  if (!PATH.test(path) || path.length > 512)
    problems.push(`path ${JSON.stringify(path)} must be /.../`);
  if (spec.permissionsBoundary !== undefined && !ARN.test(spec.permissionsBoundary)) {
    problems.push(
      `permissionsBoundary ${JSON.stringify(spec.permissionsBoundary)} is no policy ARN`,
    );
  }

  const tags = toTags(spec.tags, problems);
  const groups = unique(spec.groups ?? []);
  for (const group of groups) {
    if (!GROUP_NAME.test(group)) problems.push(`group ${JSON.stringify(group)} is no group name`);
  }
  const managedPolicies = unique(spec.managedPolicies ?? []);
  for (const arn of managedPolicies) {
    if (!ARN.test(arn)) problems.push(`policy ${JSON.stringify(arn)} is no policy ARN`);
  }
  const inlinePolicies = Object.entries(spec.inlinePolicies ?? {}).map(([name, document]) => {
    if (!POLICY_NAME.test(name))
      problems.push(`inline policy name ${JSON.stringify(name)} is invalid`);
    // A document nested past any real policy would overflow the stack on its way to text.
    if (typeof document !== 'string' && nestedDeeperThan(document, MAX_POLICY_DEPTH)) {
      problems.push(`inline policy ${name} is nested deeper than ${MAX_POLICY_DEPTH} levels`);
      return { policyName: name, policyDocument: '' };
    }
    const text = typeof document === 'string' ? document : JSON.stringify(document);
    if (!isJsonObject(text)) problems.push(`inline policy ${name} is not a JSON object`);
    return { policyName: name, policyDocument: text };
  });

  if (problems.length > 0) throw invalidSpec(spec, problems);

  const normalized: NormalizedUserSpec = {
    userName: spec.userName,
    path,
    tags,
    groups,
    managedPolicies,
    inlinePolicies,
    accessKey: spec.accessKey === true,
  };
  if (spec.permissionsBoundary !== undefined) {
    normalized.permissionsBoundary = spec.permissionsBoundary;
  }
  if (spec.loginProfile !== undefined && spec.loginProfile !== false) {
    const given = spec.loginProfile === true ? {} : spec.loginProfile;
    normalized.loginProfile = { passwordResetRequired: given.passwordResetRequired ?? true };
    if (given.password !== undefined) normalized.loginProfile.password = given.password;
  }
  return normalized;
}

function invalidSpec(spec: UserSpec, problems: readonly string[]): LifecycleError {
  const userName: unknown = (spec as Partial<UserSpec> | null)?.userName;
  return new LifecycleError({
    code: 'InvalidUserSpec',
    message: `invalid user spec: ${problems.join('; ')}`,
    ...(typeof userName === 'string' ? { userName } : {}),
  });
}

function toTags(tags: UserSpec['tags'], problems: string[]): Tag[] {
  const list = Array.isArray(tags)
    ? tags
    : Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const seen = new Set<string>();
  for (const tag of list) {
    // IAM tag keys are unique without regard to case.
    const key = String(tag.Key).toLowerCase();
    if (!tag.Key || seen.has(key))
      problems.push(`tag key ${JSON.stringify(tag.Key)} is empty or repeated`);
    seen.add(key);
    if (typeof tag.Value !== 'string') problems.push(`tag ${tag.Key} has no string value`);
  }
  return list.map((tag) => ({ Key: tag.Key, Value: tag.Value }));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Whether arrays and objects nest deeper than `limit` levels in `value`, found without
 * recursion so that the answer never costs the stack it protects.
 *
 * @example nestedDeeperThan({ a: [[1]] }, 2) // true: object, array, array
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth });
    }
  }
  return false;
}
