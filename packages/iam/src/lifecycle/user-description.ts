import type { Tag, User } from '../generated/iam-types.js';
import type { IamCaller, SendOptions } from './iam-caller.js';
import { listAll } from './list-all.js';
import type { NormalizedUserSpec } from './user-spec.js';

/**
 * What a user has, read back from IAM in the terms of a `UserSpec`.
 *
 * @example
 * const description = await describeUser(client, 'ana');
 * description.groups; // ['developers']
 */
export interface UserDescription {
  user: User;
  tags: Tag[];
  groups: string[];
  managedPolicies: string[];
  inlinePolicies: Array<{ policyName: string; policyDocument: string }>;
  hasLoginProfile: boolean;
  accessKeyIds: string[];
}

/**
 * Reads a user and everything a `UserSpec` can set, paging every list to the end.
 *
 * @throws IamError `NoSuchEntity` when there is no such user.
 * @example
 * const { user, tags } = await describeUser(client, 'ana');
 */
export async function describeUser(
  caller: IamCaller,
  userName: string,
  options: SendOptions = {},
): Promise<UserDescription> {
  const { User: user } = await caller.send('GetUser', { UserName: userName }, options);
  const forUser = { UserName: user.UserName };
  const [tags, groups, attached, policyNames, keys, hasLoginProfile] = await Promise.all([
    listAll(caller, 'ListUserTags', forUser, 'Tags', options),
    listAll(caller, 'ListGroupsForUser', forUser, 'Groups', options),
    listAll(caller, 'ListAttachedUserPolicies', forUser, 'AttachedPolicies', options),
    listAll(caller, 'ListUserPolicies', forUser, 'PolicyNames', options),
    listAll(caller, 'ListAccessKeys', forUser, 'AccessKeyMetadata', options),
    caller.send('GetLoginProfile', forUser, options).then(
      () => true,
      (error: unknown) => {
        if ((error as { code?: string }).code === 'NoSuchEntity') return false;
        throw error;
      },
    ),
  ]);
  const inlinePolicies = await Promise.all(
    policyNames.map(async (policyName) => {
      const input = { UserName: user.UserName, PolicyName: policyName };
      const { PolicyDocument } = await caller.send('GetUserPolicy', input, options);
      return { policyName, policyDocument: PolicyDocument };
    }),
  );
  return {
    user,
    tags,
    groups: groups.map((group) => group.GroupName),
    managedPolicies: attached.flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])),
    inlinePolicies,
    hasLoginProfile,
    accessKeyIds: keys.flatMap((key) => (key.AccessKeyId ? [key.AccessKeyId] : [])),
  };
}

/**
 * Lists how an existing user differs from a spec, one readable line per difference; empty
 * when the user is what the spec asks for. Policy documents compare as JSON values, so
 * spacing and key order do not matter.
 *
 * @example
 * compareUserSpec(spec, await describeUser(client, spec.userName));
 * // ['path: has "/a/", spec wants "/b/"', 'groups: missing admins']
 */
export function compareUserSpec(spec: NormalizedUserSpec, existing: UserDescription): string[] {
  const differences: string[] = [];
  const { user } = existing;
  if (user.UserName !== spec.userName) {
    differences.push(
      `userName: has ${JSON.stringify(user.UserName)}, spec wants ${JSON.stringify(spec.userName)}`,
    );
  }
  if (user.Path !== spec.path) {
    differences.push(
      `path: has ${JSON.stringify(user.Path)}, spec wants ${JSON.stringify(spec.path)}`,
    );
  }
  const boundary = user.PermissionsBoundary?.PermissionsBoundaryArn;
  if (boundary !== spec.permissionsBoundary) {
    differences.push(
      `permissionsBoundary: has ${boundary ?? 'none'}, ` +
        `spec wants ${spec.permissionsBoundary ?? 'none'}`,
    );
  }

  const tagText = (tags: Tag[]) => tags.map((tag) => `${tag.Key}=${tag.Value}`);
  setDifference('tags', tagText(existing.tags), tagText(spec.tags), differences);
  setDifference('groups', existing.groups, spec.groups, differences);
  setDifference('managedPolicies', existing.managedPolicies, spec.managedPolicies, differences);

  const documents = new Map(existing.inlinePolicies.map((p) => [p.policyName, p.policyDocument]));
  setDifference(
    'inlinePolicies',
    [...documents.keys()],
    spec.inlinePolicies.map((policy) => policy.policyName),
    differences,
  );
  for (const policy of spec.inlinePolicies) {
    const existingDocument = documents.get(policy.policyName);
    if (existingDocument !== undefined && !sameJson(existingDocument, policy.policyDocument)) {
      differences.push(`inlinePolicies: ${policy.policyName} has a different document`);
    }
  }

  if (spec.loginProfile !== undefined && !existing.hasLoginProfile) {
    differences.push('loginProfile: none, spec wants one');
  }
  if (spec.loginProfile === undefined && existing.hasLoginProfile) {
    differences.push('loginProfile: has one, spec wants none');
  }
  if (spec.accessKey && existing.accessKeyIds.length === 0) {
    differences.push('accessKey: none, spec wants one');
  }
  if (!spec.accessKey && existing.accessKeyIds.length > 0) {
    differences.push(`accessKey: has ${existing.accessKeyIds.length}, spec wants none`);
  }
  return differences;
}

function setDifference(label: string, has: string[], wants: string[], out: string[]): void {
  const missing = wants.filter((value) => !has.includes(value));
  const extra = has.filter((value) => !wants.includes(value));
  if (missing.length > 0) out.push(`${label}: missing ${missing.join(', ')}`);
  if (extra.length > 0) out.push(`${label}: unexpected ${extra.join(', ')}`);
}

function sameJson(left: string, right: string): boolean {
  try {
    return canonicalJson(JSON.parse(left)) === canonicalJson(JSON.parse(right));
  } catch {
    return left === right;
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const members = entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
