import type { EmulatorStore } from './store.js';
import { noSuchEntity } from './errors.js';
import { iamArn } from './identifiers.js';

/**
 * IAM's `Group` shape (also what is stored).
 *
 * @example
 * const group: Group = requireGroup(store, 'admins');
 */
export interface Group {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: Date;
}

interface GroupRow {
  id: string;
  name: string;
  path: string;
  create_date: number;
}

/**
 * Turns a `groups` row into the `Group` shape.
 *
 * @example
 * toGroup(store, row).Arn; // 'arn:aws:iam::123456789012:group/admins'
 */
export function toGroup(store: EmulatorStore, row: GroupRow): Group {
  return {
    Path: row.path,
    GroupName: row.name,
    GroupId: row.id,
    Arn: iamArn(store.accountId, 'group', row.path, row.name),
    CreateDate: new Date(row.create_date),
  };
}

/**
 * Finds a group by name without regard to case; `undefined` if absent.
 *
 * @example
 * findGroup(store, 'ADMINS')?.GroupName; // 'admins'
 */
export function findGroup(store: EmulatorStore, groupName: string): Group | undefined {
  const row = store.db
    .prepare('SELECT * FROM groups WHERE name_key = ?')
    .get(groupName.toLowerCase()) as GroupRow | undefined;
  return row ? toGroup(store, row) : undefined;
}

/**
 * Finds a group or throws AWS's `NoSuchEntity`.
 *
 * @example
 * requireGroup(store, 'nobody'); // throws "The group with name nobody cannot be found."
 */
export function requireGroup(store: EmulatorStore, groupName: string): Group {
  const group = findGroup(store, groupName);
  if (!group) throw noSuchEntity(`The group with name ${groupName} cannot be found.`);
  return group;
}

/**
 * The groups a user belongs to, sorted by name without regard to case.
 *
 * @example
 * groupsOfUser(store, user.id).map((group) => group.GroupName);
 */
export function groupsOfUser(store: EmulatorStore, userId: string): Group[] {
  const rows = store.db
    .prepare(
      `SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id
       WHERE m.user_id = ? ORDER BY g.name_key, g.id`,
    )
    .all(userId) as GroupRow[];
  return rows.map((row) => toGroup(store, row));
}

/**
 * Every group, sorted by name without regard to case.
 *
 * @example
 * listGroupRecords(store).length;
 */
export function listGroupRecords(store: EmulatorStore): Group[] {
  const rows = store.db.prepare('SELECT * FROM groups ORDER BY name_key, id').all() as GroupRow[];
  return rows.map((row) => toGroup(store, row));
}
