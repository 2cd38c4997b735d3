import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { noSuchEntity, quotaExceeded } from './errors.js';
import { listGroupRecords, requireGroup } from './group-records.js';
import { nameSortKey, page, type PagingInput } from './paging.js';
import { listPolicyRecords, requirePolicy } from './policy-records.js';
import type { EmulatorStore } from './store.js';
import { listUserRecords, requireUser } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM allows ten managed policies on one user and on one group. */
const managedPoliciesPerEntity = 10;

type EntityType = 'user' | 'group';

const policyArnRule = { member: 'PolicyArn', constraint: iamTypes.arnType, required: true };
const userNameRule = {
  member: 'UserName',
  constraint: iamTypes.existingUserNameType,
  required: true,
};
const groupNameRule = { member: 'GroupName', constraint: iamTypes.groupNameType, required: true };

function attach(store: EmulatorStore, entityType: EntityType, entityId: string, arn: string) {
  const policy = requirePolicy(store, arn, 'attach');
  const attached = store.db
    .prepare('SELECT policy_id FROM attachments WHERE entity_type = ? AND entity_id = ?')
    .all(entityType, entityId) as { policy_id: string }[];
  if (attached.some((row) => row.policy_id === policy.id)) return;
  if (attached.length >= managedPoliciesPerEntity) {
    const quota = entityType === 'user' ? 'PoliciesPerUser' : 'PoliciesPerGroup';
    throw quotaExceeded(quota, managedPoliciesPerEntity);
  }
  store.db
    .prepare('INSERT INTO attachments (policy_id, entity_type, entity_id) VALUES (?, ?, ?)')
    .run(policy.id, entityType, entityId);
}

function detach(store: EmulatorStore, entityType: EntityType, entityId: string, arn: string) {
  const policy = requirePolicy(store, arn);
  const removed = store.db
    .prepare('DELETE FROM attachments WHERE policy_id = ? AND entity_type = ? AND entity_id = ?')
    .run(policy.id, entityType, entityId);
  if (removed.changes === 0) throw noSuchEntity(`Policy ${arn} was not found.`);
}

function listAttached(
  store: EmulatorStore,
  entityType: EntityType,
  entityId: string,
  input: { PathPrefix?: string } & PagingInput,
) {
  const attachedIds = new Set(
    (
      store.db
        .prepare('SELECT policy_id FROM attachments WHERE entity_type = ? AND entity_id = ?')
        .all(entityType, entityId) as { policy_id: string }[]
    ).map((row) => row.policy_id),
  );
  const prefix = input.PathPrefix ?? '/';
  const policies = listPolicyRecords(store).filter(
    (policy) => attachedIds.has(policy.id) && policy.path.startsWith(prefix),
  );
  const result = page(policies, (policy) => nameSortKey(policy.name, policy.arn), input);
  return {
    AttachedPolicies: result.items.map((policy) => ({
      PolicyName: policy.name,
      PolicyArn: policy.arn,
    })),
    IsTruncated: result.IsTruncated,
    ...(result.Marker ? { Marker: result.Marker } : {}),
  };
}

/**
 * AttachUserPolicy: attaches a managed policy to a user (again: no change); an eleventh is
 * `LimitExceeded`.
 *
 * @example
 * attachUserPolicy(store, { UserName: 'alice', PolicyArn: arn }, context);
 */
export const attachUserPolicy = defineAction(
  (store, input: { UserName: string; PolicyArn: string }) => {
    validateInput(input, [userNameRule, policyArnRule]);
    attach(store, 'user', requireUser(store, input.UserName).id, input.PolicyArn);
    return {};
  },
);

/**
 * DetachUserPolicy: `NoSuchEntity` when the policy is not attached to the user.
 *
 * @example
 * detachUserPolicy(store, { UserName: 'alice', PolicyArn: arn }, context);
 */
export const detachUserPolicy = defineAction(
  (store, input: { UserName: string; PolicyArn: string }) => {
    validateInput(input, [userNameRule, policyArnRule]);
    detach(store, 'user', requireUser(store, input.UserName).id, input.PolicyArn);
    return {};
  },
);

/**
 * AttachGroupPolicy: attaches a managed policy to a group.
 *
 * @example
 * attachGroupPolicy(store, { GroupName: 'admins', PolicyArn: arn }, context);
 */
export const attachGroupPolicy = defineAction(
  (store, input: { GroupName: string; PolicyArn: string }) => {
    validateInput(input, [groupNameRule, policyArnRule]);
    attach(store, 'group', requireGroup(store, input.GroupName).GroupId, input.PolicyArn);
    return {};
  },
);

/**
 * DetachGroupPolicy: `NoSuchEntity` when the policy is not attached to the group.
 *
 * @example
 * detachGroupPolicy(store, { GroupName: 'admins', PolicyArn: arn }, context);
 */
export const detachGroupPolicy = defineAction(
  (store, input: { GroupName: string; PolicyArn: string }) => {
    validateInput(input, [groupNameRule, policyArnRule]);
    detach(store, 'group', requireGroup(store, input.GroupName).GroupId, input.PolicyArn);
    return {};
  },
);

/**
 * ListAttachedUserPolicies: names and ARNs of a user's managed policies, paged.
 *
 * @example
 * listAttachedUserPolicies(store, { UserName: 'alice' }, context).AttachedPolicies;
 */
export const listAttachedUserPolicies = defineAction(
  (store, input: { UserName: string; PathPrefix?: string } & PagingInput) => {
    validateInput(input, [
      userNameRule,
      { member: 'PathPrefix', constraint: iamTypes.policyPathType },
      ...pagingRules,
    ]);
    return listAttached(store, 'user', requireUser(store, input.UserName).id, input);
  },
);

/**
 * ListAttachedGroupPolicies: names and ARNs of a group's managed policies, paged.
 *
 * @example
 * listAttachedGroupPolicies(store, { GroupName: 'admins' }, context).AttachedPolicies;
 */
export const listAttachedGroupPolicies = defineAction(
  (store, input: { GroupName: string; PathPrefix?: string } & PagingInput) => {
    validateInput(input, [
      groupNameRule,
      { member: 'PathPrefix', constraint: iamTypes.policyPathType },
      ...pagingRules,
    ]);
    return listAttached(store, 'group', requireGroup(store, input.GroupName).GroupId, input);
  },
);

/**
 * ListEntitiesForPolicy: the users and groups a managed policy is attached to (or bounds,
 * with `PolicyUsageFilter: 'PermissionsBoundary'`), paged over users then groups.
 *
 * @example
 * listEntitiesForPolicy(store, { PolicyArn: arn, EntityFilter: 'User' }, context).PolicyUsers;
 */
export const listEntitiesForPolicy = defineAction(
  (
    store,
    input: {
      PolicyArn: string;
      EntityFilter?: string;
      PathPrefix?: string;
      PolicyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary';
    } & PagingInput,
  ) => {
    validateInput(input, [
      policyArnRule,
      {
        member: 'EntityFilter',
        constraint: {
          type: 'enum',
          values: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'],
        },
      },
      { member: 'PathPrefix', constraint: iamTypes.pathPrefixType },
      {
        member: 'PolicyUsageFilter',
        constraint: { type: 'enum', values: ['PermissionsPolicy', 'PermissionsBoundary'] },
      },
      ...pagingRules,
    ]);

    const policy = requirePolicy(store, input.PolicyArn);
    const attached = new Set(
      (
        store.db
          .prepare('SELECT entity_id FROM attachments WHERE policy_id = ?')
          .all(policy.id) as {
          entity_id: string;
        }[]
      ).map((row) => row.entity_id),
    );
    const prefix = input.PathPrefix ?? '/';
    const filter = input.EntityFilter;
    const boundaryOnly = input.PolicyUsageFilter === 'PermissionsBoundary';
    const policyOnly = input.PolicyUsageFilter === 'PermissionsPolicy';

    const users =
      filter === undefined || filter === 'User'
        ? listUserRecords(store).filter(
            (user) =>
              user.path.startsWith(prefix) &&
              ((!boundaryOnly && attached.has(user.id)) ||
                (!policyOnly && user.permissionsBoundary === policy.arn)),
          )
        : [];
    const groups =
      (filter === undefined || filter === 'Group') && !boundaryOnly
        ? listGroupRecords(store).filter(
            (group) => group.Path.startsWith(prefix) && attached.has(group.GroupId),
          )
        : [];

    const entries = [
      ...users.map((user) => ({ key: `1${nameSortKey(user.name, user.id)}`, user })),
      ...groups.map((group) => ({ key: `2${nameSortKey(group.GroupName, group.GroupId)}`, group })),
    ];
    const result = page(entries, (entry) => entry.key, input);
    return {
      PolicyGroups: result.items.flatMap((entry) =>
        'group' in entry
          ? [{ GroupName: entry.group.GroupName, GroupId: entry.group.GroupId }]
          : [],
      ),
      PolicyUsers: result.items.flatMap((entry) =>
        'user' in entry ? [{ UserName: entry.user.name, UserId: entry.user.id }] : [],
      ),
      PolicyRoles: [] as { RoleName: string; RoleId: string }[],
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);
