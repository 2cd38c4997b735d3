import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { deleteConflict, entityAlreadyExists, noSuchEntity, quotaExceeded } from './errors.js';
import {
  findGroup,
  groupsOfUser,
  listGroupRecords,
  requireGroup,
  type Group,
} from './group-records.js';
import { newUniqueId } from './identifiers.js';
import { nameSortKey, page, type PagingInput } from './paging.js';
import { listUserRecords, requireUser, userShape } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM allows a user in at most 10 groups. */
const groupsPerUser = 10;

const groupNameRule = { member: 'GroupName', constraint: iamTypes.groupNameType, required: true };
const userNameRule = {
  member: 'UserName',
  constraint: iamTypes.existingUserNameType,
  required: true,
};

function truncation(result: { IsTruncated: boolean; Marker?: string }) {
  return {
    IsTruncated: result.IsTruncated,
    ...(result.Marker ? { Marker: result.Marker } : {}),
  };
}

/**
 * CreateGroup: a new group; names are unique without regard to case.
 *
 * @example
 * createGroup(store, { GroupName: 'admins' }, context).Group.GroupId; // 'AGPA...'
 */
export const createGroup = defineAction(
  (store, input: { GroupName: string; Path?: string }, context): { Group: Group } => {
    validateInput(input, [{ member: 'Path', constraint: iamTypes.pathType }, groupNameRule]);

    const existing = findGroup(store, input.GroupName);
    if (existing) {
      throw entityAlreadyExists(`Group with name ${existing.GroupName} already exists.`);
    }

    store.db
      .prepare('INSERT INTO groups (id, name, name_key, path, create_date) VALUES (?, ?, ?, ?, ?)')
      .run(
        newUniqueId('group'),
        input.GroupName,
        input.GroupName.toLowerCase(),
        input.Path ?? '/',
        context.now().getTime(),
      );
    return { Group: requireGroup(store, input.GroupName) };
  },
);

/**
 * GetGroup: the group and its users, paged.
 *
 * @example
 * getGroup(store, { GroupName: 'admins', MaxItems: 50 }, context).Users;
 */
export const getGroup = defineAction((store, input: { GroupName: string } & PagingInput) => {
  validateInput(input, [groupNameRule, ...pagingRules]);

  const group = requireGroup(store, input.GroupName);
  const memberIds = new Set(
    (
      store.db
        .prepare('SELECT user_id FROM group_members WHERE group_id = ?')
        .all(group.GroupId) as {
        user_id: string;
      }[]
    ).map((row) => row.user_id),
  );
  const members = listUserRecords(store).filter((user) => memberIds.has(user.id));
  const result = page(members, (user) => nameSortKey(user.name, user.id), input);
  return {
    Group: group,
    Users: result.items.map((user) => userShape(store, user, 'summary')),
    ...truncation(result),
  };
});

/**
 * DeleteGroup: refuses with `DeleteConflict` while the group has users, inline policies
 * or attached managed policies.
 *
 * @example
 * deleteGroup(store, { GroupName: 'admins' }, context);
 */
export const deleteGroup = defineAction((store, input: { GroupName: string }) => {
  validateInput(input, [groupNameRule]);

  const group = requireGroup(store, input.GroupName);
  const dependents = [
    {
      query: 'SELECT count(*) AS count FROM group_members WHERE group_id = ?',
      message: 'Cannot delete entity, must remove users from group first.',
    },
    {
      query: `SELECT count(*) AS count FROM inline_policies
              WHERE entity_type = 'group' AND entity_id = ?`,
      message: 'Cannot delete entity, must delete policies first.',
    },
    {
      query: `SELECT count(*) AS count FROM attachments
              WHERE entity_type = 'group' AND entity_id = ?`,
      message: 'Cannot delete entity, must detach all policies first.',
    },
  ];
  for (const dependent of dependents) {
    const { count } = store.db.prepare(dependent.query).get(group.GroupId) as { count: number };
    if (count > 0) throw deleteConflict(dependent.message);
  }

  store.db.prepare('DELETE FROM groups WHERE id = ?').run(group.GroupId);
  return {};
});

/**
 * ListGroups: groups whose path starts with `PathPrefix`, sorted by name, paged.
 *
 * @example
 * listGroups(store, { PathPrefix: '/teams/' }, context).Groups;
 */
export const listGroups = defineAction((store, input: { PathPrefix?: string } & PagingInput) => {
  validateInput(input, [
    { member: 'PathPrefix', constraint: iamTypes.pathPrefixType },
    ...pagingRules,
  ]);

  const prefix = input.PathPrefix ?? '/';
  const groups = listGroupRecords(store).filter((group) => group.Path.startsWith(prefix));
  const result = page(groups, (group) => nameSortKey(group.GroupName, group.GroupId), input);
  return { Groups: result.items, ...truncation(result) };
});

/**
 * AddUserToGroup: adds a user to a group; adding a member again changes nothing.
 *
 * @example
 * addUserToGroup(store, { GroupName: 'admins', UserName: 'alice' }, context);
 */
export const addUserToGroup = defineAction(
  (store, input: { GroupName: string; UserName: string }) => {
    validateInput(input, [groupNameRule, userNameRule]);

    const group = requireGroup(store, input.GroupName);
    const user = requireUser(store, input.UserName);
    const groups = groupsOfUser(store, user.id);
    if (groups.some((member) => member.GroupId === group.GroupId)) return {};
    if (groups.length >= groupsPerUser) throw quotaExceeded('GroupsPerUser', groupsPerUser);

    store.db
      .prepare('INSERT INTO group_members (group_id, user_id) VALUES (?, ?)')
      .run(group.GroupId, user.id);
    return {};
  },
);

/**
 * RemoveUserFromGroup: `NoSuchEntity` when the user is not a member.
 *
 * @example
 * removeUserFromGroup(store, { GroupName: 'admins', UserName: 'alice' }, context);
 */
export const removeUserFromGroup = defineAction(
  (store, input: { GroupName: string; UserName: string }) => {
    validateInput(input, [groupNameRule, userNameRule]);

    const group = requireGroup(store, input.GroupName);
    const user = requireUser(store, input.UserName);
    const removed = store.db
      .prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?')
      .run(group.GroupId, user.id);
    if (removed.changes === 0) {
      throw noSuchEntity(
        `The user with name ${user.name} cannot be found in group ${group.GroupName}.`,
      );
    }
    return {};
  },
);

/**
 * ListGroupsForUser: the groups a user belongs to, sorted by name, paged.
 *
 * @example
 * listGroupsForUser(store, { UserName: 'alice' }, context).Groups;
 */
export const listGroupsForUser = defineAction(
  (store, input: { UserName: string } & PagingInput) => {
    validateInput(input, [userNameRule, ...pagingRules]);

    const user = requireUser(store, input.UserName);
    const groups = groupsOfUser(store, user.id);
    const result = page(groups, (group) => nameSortKey(group.GroupName, group.GroupId), input);
    return { Groups: result.items, ...truncation(result) };
  },
);
