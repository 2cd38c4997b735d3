import { defineAction } from './action.js';
import { iamTypes } from './constraints.js';
import { noSuchEntity } from './errors.js';
import { requirePolicy } from './policy-records.js';
import { requireUser } from './user-records.js';
import { validateInput } from './validation.js';

/**
 * PutUserPermissionsBoundary: sets (or replaces) the managed policy that bounds a user's
 * permissions.
 *
 * @example
 * putUserPermissionsBoundary(store, { UserName: 'alice',
 *   PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, context);
 */
export const putUserPermissionsBoundary = defineAction(
  (store, input: { UserName: string; PermissionsBoundary: string }) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.userNameType, required: true },
      { member: 'PermissionsBoundary', constraint: iamTypes.arnType, required: true },
    ]);

    const user = requireUser(store, input.UserName);
    requirePolicy(store, input.PermissionsBoundary, 'attach');
    store.db
      .prepare('UPDATE users SET permissions_boundary = ? WHERE id = ?')
      .run(input.PermissionsBoundary, user.id);
    return {};
  },
);

/**
 * DeleteUserPermissionsBoundary: removes a user's boundary; `NoSuchEntity` if it has none.
 *
 * @example
 * deleteUserPermissionsBoundary(store, { UserName: 'alice' }, context);
 */
export const deleteUserPermissionsBoundary = defineAction((store, input: { UserName: string }) => {
  validateInput(input, [{ member: 'UserName', constraint: iamTypes.userNameType, required: true }]);

  const user = requireUser(store, input.UserName);
  if (!user.permissionsBoundary) {
    throw noSuchEntity(`The user with name ${user.name} has no permissions boundary.`);
  }
  store.db.prepare('UPDATE users SET permissions_boundary = NULL WHERE id = ?').run(user.id);
  return {};
});
