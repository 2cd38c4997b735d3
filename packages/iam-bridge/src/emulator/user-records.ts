import type { EmulatorStore } from './store.js';
import { noSuchEntity } from './errors.js';
import { iamArn } from './identifiers.js';

/**
 * A user as stored, with its ARN.
 *
 * @example
 * const user: UserRecord = requireUser(store, 'alice');
 */
export interface UserRecord {
  id: string;
  name: string;
  path: string;
  arn: string;
  createDate: Date;
  permissionsBoundary: string | null;
}

interface UserRow {
  id: string;
  name: string;
  path: string;
  create_date: number;
  permissions_boundary: string | null;
}

/**
 * Turns a `users` row into a record.
 *
 * @example
 * toUserRecord(store, row).arn; // 'arn:aws:iam::123456789012:user/alice'
 */
export function toUserRecord(store: EmulatorStore, row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: iamArn(store.accountId, 'user', row.path, row.name),
    createDate: new Date(row.create_date),
    permissionsBoundary: row.permissions_boundary,
  };
}

/**
 * Finds a user by name without regard to case, as IAM does; `undefined` if absent.
 *
 * @example
 * findUser(store, 'ALICE')?.name; // 'Alice'
 */
export function findUser(store: EmulatorStore, userName: string): UserRecord | undefined {
  const row = store.db
    .prepare('SELECT * FROM users WHERE name_key = ?')
    .get(userName.toLowerCase()) as UserRow | undefined;
  return row ? toUserRecord(store, row) : undefined;
}

/**
 * Finds a user by id; `undefined` if absent.
 *
 * @example
 * findUserById(store, 'AIDA...')?.name;
 */
export function findUserById(store: EmulatorStore, userId: string): UserRecord | undefined {
  const row = store.db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as
    UserRow | undefined;
  return row ? toUserRecord(store, row) : undefined;
}

/**
 * Finds a user or throws AWS's `NoSuchEntity`.
 *
 * @example
 * requireUser(store, 'nobody'); // throws "The user with name nobody cannot be found."
 */
export function requireUser(store: EmulatorStore, userName: string): UserRecord {
  const user = findUser(store, userName);
  if (!user) throw noSuchEntity(`The user with name ${userName} cannot be found.`);
  return user;
}

/**
 * Every user, sorted by name without regard to case.
 *
 * @example
 * listUserRecords(store).map((user) => user.name);
 */
export function listUserRecords(store: EmulatorStore): UserRecord[] {
  const rows = store.db.prepare('SELECT * FROM users ORDER BY name_key, id').all() as UserRow[];
  return rows.map((row) => toUserRecord(store, row));
}

/**
 * IAM's `User` shape. `ListUsers` and group listings leave out `PermissionsBoundary` and
 * `Tags`; `GetUser` and `CreateUser` include them when set.
 *
 * @example
 * const user: User = userShape(store, record, 'full');
 */
export interface User {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
  PermissionsBoundary?: { PermissionsBoundaryType: 'Policy'; PermissionsBoundaryArn: string };
  Tags?: { Key: string; Value: string }[];
}

/**
 * Builds the `User` shape of a record; `full` adds the boundary and the tags.
 *
 * @example
 * userShape(store, requireUser(store, 'alice'), 'summary').Arn;
 */
export function userShape(
  store: EmulatorStore,
  user: UserRecord,
  detail: 'full' | 'summary',
): User {
  const shape: User = {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: user.createDate,
  };
  if (detail === 'full') {
    if (user.permissionsBoundary) {
      shape.PermissionsBoundary = {
        PermissionsBoundaryType: 'Policy',
        PermissionsBoundaryArn: user.permissionsBoundary,
      };
    }
    const tags = store.db
      .prepare(
        `SELECT key AS Key, value AS Value FROM tags
         WHERE entity_type = 'user' AND entity_id = ? ORDER BY position`,
      )
      .all(user.id) as { Key: string; Value: string }[];
    if (tags.length > 0) shape.Tags = tags;
  }
  return shape;
}
