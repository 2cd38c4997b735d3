import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import type { EmulatorContext } from './context.js';
import { deleteConflict, entityAlreadyExists } from './errors.js';
import { newUniqueId, rootArn } from './identifiers.js';
import { nameSortKey, page, type PagingInput } from './paging.js';
import { requirePolicy } from './policy-records.js';
import type { EmulatorStore } from './store.js';
import { dropTags, putTags, validateTags, type Tag } from './tags.js';
import { findUser, listUserRecords, requireUser, userShape, type User } from './user-records.js';
import { validateInput } from './validation.js';

/**
 * CreateUser: a new user; names are unique without regard to case.
 *
 * @example
 * createUser(store, { UserName: 'alice', Path: '/dev/' }, context).User.Arn;
 * // 'arn:aws:iam::123456789012:user/dev/alice'
 */
export const createUser = defineAction(
  (
    store,
    input: { UserName: string; Path?: string; PermissionsBoundary?: string; Tags?: Tag[] },
    context,
  ): { User: User } => {
    validateInput(input, [
      { member: 'Path', constraint: iamTypes.pathType },
      { member: 'UserName', constraint: iamTypes.userNameType, required: true },
      { member: 'PermissionsBoundary', constraint: iamTypes.arnType },
    ]);
    validateTags(input.Tags, 'User');

    const existing = findUser(store, input.UserName);
    if (existing) throw entityAlreadyExists(`User with name ${existing.name} already exists.`);
    if (input.PermissionsBoundary !== undefined) {
      requirePolicy(store, input.PermissionsBoundary, 'attach');
    }

    const id = newUniqueId('user');
    store.db
      .prepare(
        `INSERT INTO users (id, name, name_key, path, create_date, permissions_boundary)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.UserName,
        input.UserName.toLowerCase(),
        input.Path ?? '/',
        context.now().getTime(),
        input.PermissionsBoundary ?? null,
      );
    if (input.Tags) putTags(store, 'user', id, input.Tags);

    return { User: userShape(store, requireUser(store, input.UserName), 'full') };
  },
);

function rootUserShape(store: EmulatorStore, context: EmulatorContext) {
  const created = store.db
    .prepare('SELECT create_date FROM access_keys WHERE id = ?')
    .get(store.rootCredentials.accessKeyId) as { create_date: number } | undefined;
  return {
    UserId: store.accountId,
    Arn: rootArn(store.accountId),
    CreateDate: new Date(created?.create_date ?? context.now().getTime()),
  };
}

/**
 * GetUser: the named user, or the caller when no name is given (for the root user, its
 * account id as `UserId` and the root ARN, without a `UserName`, as AWS answers).
 *
 * @example
 * getUser(store, { UserName: 'ALICE' }, context).User.UserName; // 'Alice'
 */
export const getUser = defineAction(
  (
    store,
    input: { UserName?: string },
    context,
  ): { User: User | { UserId: string; Arn: string; CreateDate: Date } } => {
    validateInput(input, [{ member: 'UserName', constraint: iamTypes.existingUserNameType }]);

    if (input.UserName === undefined && context.caller.kind === 'root') {
      return { User: rootUserShape(store, context) };
    }
    const name = input.UserName ?? (context.caller as { userName: string }).userName;
    return { User: userShape(store, requireUser(store, name), 'full') };
  },
);

/**
 * UpdateUser: renames a user or moves it to another path.
 *
 * @example
 * updateUser(store, { UserName: 'alice', NewUserName: 'alice2' }, context);
 */
export const updateUser = defineAction(
  (store, input: { UserName: string; NewPath?: string; NewUserName?: string }): object => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType, required: true },
      { member: 'NewPath', constraint: iamTypes.pathType },
      { member: 'NewUserName', constraint: iamTypes.userNameType },
    ]);

    const user = requireUser(store, input.UserName);
    const newName = input.NewUserName ?? user.name;
    const clash = findUser(store, newName);
    if (clash && clash.id !== user.id) {
      throw entityAlreadyExists(`User with name ${clash.name} already exists.`);
    }

    store.db
      .prepare('UPDATE users SET name = ?, name_key = ?, path = ? WHERE id = ?')
      .run(newName, newName.toLowerCase(), input.NewPath ?? user.path, user.id);
    return {};
  },
);

/**
 * What still hangs off a user, in the order AWS reports it, each with AWS's message.
 * `DeleteUser` refuses while any count is non-zero.
 */
const userDependents: readonly { query: string; message: string }[] = [
  {
    query: 'SELECT count(*) AS count FROM login_profiles WHERE user_id = ?',
    message: 'Cannot delete entity, must delete login profile first.',
  },
  {
    query: 'SELECT count(*) AS count FROM access_keys WHERE user_id = ?',
    message: 'Cannot delete entity, must delete access keys first.',
  },
  {
    query: 'SELECT count(*) AS count FROM signing_certificates WHERE user_id = ?',
    message: 'Cannot delete entity, must delete signing certificates first.',
  },
  {
    query: 'SELECT count(*) AS count FROM ssh_keys WHERE user_id = ?',
    message: 'Cannot delete entity, must delete SSH public keys first.',
  },
  {
    query: 'SELECT count(*) AS count FROM service_credentials WHERE user_id = ?',
    message: 'Cannot delete entity, must delete service specific credentials first.',
  },
  {
    query: 'SELECT count(*) AS count FROM mfa_devices WHERE user_id = ?',
    message: 'Cannot delete entity, must delete MFA device first.',
  },
  {
    query: `SELECT count(*) AS count FROM inline_policies
            WHERE entity_type = 'user' AND entity_id = ?`,
    message: 'Cannot delete entity, must delete policies first.',
  },
  {
    query: `SELECT count(*) AS count FROM attachments
            WHERE entity_type = 'user' AND entity_id = ?`,
    message: 'Cannot delete entity, must detach all policies first.',
  },
  {
    query: 'SELECT count(*) AS count FROM group_members WHERE user_id = ?',
    message: 'Cannot delete entity, must remove users from group first.',
  },
];

/**
 * DeleteUser: refuses with `DeleteConflict` while the user has access keys, a login
 * profile, MFA devices, SSH keys, signing certificates, service-specific credentials,
 * group memberships, inline or attached policies.
 *
 * @example
 * deleteUser(store, { UserName: 'alice' }, context);
 */
export const deleteUser = defineAction((store, input: { UserName: string }): object => {
  validateInput(input, [
    { member: 'UserName', constraint: iamTypes.existingUserNameType, required: true },
  ]);

  const user = requireUser(store, input.UserName);
  for (const dependent of userDependents) {
    const { count } = store.db.prepare(dependent.query).get(user.id) as { count: number };
    if (count > 0) throw deleteConflict(dependent.message);
  }

  dropTags(store, 'user', user.id);
  store.db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
  return {};
});

/**
 * ListUsers: users whose path starts with `PathPrefix`, sorted by name, paged.
 *
 * @example
 * listUsers(store, { MaxItems: 10 }, context).Users;
 */
export const listUsers = defineAction(
  (
    store,
    input: { PathPrefix?: string } & PagingInput,
  ): { Users: User[]; IsTruncated: boolean; Marker?: string } => {
    validateInput(input, [
      { member: 'PathPrefix', constraint: iamTypes.pathPrefixType },
      ...pagingRules,
    ]);

    const prefix = input.PathPrefix ?? '/';
    const users = listUserRecords(store).filter((user) => user.path.startsWith(prefix));
    const result = page(users, (user) => nameSortKey(user.name, user.id), input);
    return {
      Users: result.items.map((user) => userShape(store, user, 'summary')),
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);
