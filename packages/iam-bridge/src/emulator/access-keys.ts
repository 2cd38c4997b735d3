import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import type { EmulatorContext } from './context.js';
import { noSuchEntity, quotaExceeded } from './errors.js';
import { newAccessKeyId, newSecretAccessKey } from './identifiers.js';
import { page, type PagingInput } from './paging.js';
import type { EmulatorStore } from './store.js';
import { requireUser } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM allows two access keys per user (and per root user). */
const accessKeysPerUser = 2;

interface AccessKeyRow {
  id: string;
  user_id: string | null;
  secret: string;
  status: 'Active' | 'Inactive';
  create_date: number;
  last_used_date: number | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

/**
 * Whose keys an action is about: a named user, the calling user, or (for the root caller
 * naming no user) the root user, whose keys have no `user_id`.
 */
function keyOwner(
  store: EmulatorStore,
  userName: string | undefined,
  context: EmulatorContext,
): { userId: string | null; userName: string } {
  if (userName === undefined && context.caller.kind === 'root') {
    return { userId: null, userName: 'root' };
  }
  const name = userName ?? (context.caller as { userName: string }).userName;
  const user = requireUser(store, name);
  return { userId: user.id, userName: user.name };
}

function ownerKeys(store: EmulatorStore, userId: string | null): AccessKeyRow[] {
  return store.db
    .prepare('SELECT * FROM access_keys WHERE user_id IS ? ORDER BY create_date, id')
    .all(userId) as AccessKeyRow[];
}

function requireKey(store: EmulatorStore, accessKeyId: string, userId: string | null) {
  const row = store.db
    .prepare('SELECT * FROM access_keys WHERE id = ? AND user_id IS ?')
    .get(accessKeyId, userId) as AccessKeyRow | undefined;
  if (!row) throw noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
  return row;
}

/**
 * CreateAccessKey: a new active key pair; the secret is returned only here. A third key is
 * `LimitExceeded`. With `newAccessKeyDelayMs` set, the key works only after that delay.
 *
 * @example
 * const { AccessKey } = createAccessKey(store, { UserName: 'alice' }, context);
 */
export const createAccessKey = defineAction((store, input: { UserName?: string }, context) => {
  validateInput(input, [{ member: 'UserName', constraint: iamTypes.existingUserNameType }]);

  const owner = keyOwner(store, input.UserName, context);
  if (ownerKeys(store, owner.userId).length >= accessKeysPerUser) {
    throw quotaExceeded('AccessKeysPerUser', accessKeysPerUser);
  }

  const accessKeyId = newAccessKeyId();
  const secretAccessKey = newSecretAccessKey();
  const created = context.now();
  store.db
    .prepare(
      `INSERT INTO access_keys (id, user_id, secret, status, create_date, usable_after)
       VALUES (?, ?, ?, 'Active', ?, ?)`,
    )
    .run(
      accessKeyId,
      owner.userId,
      secretAccessKey,
      created.getTime(),
      created.getTime() + store.switches.newAccessKeyDelayMs,
    );

  return {
    AccessKey: {
      UserName: owner.userName,
      AccessKeyId: accessKeyId,
      Status: 'Active' as const,
      SecretAccessKey: secretAccessKey,
      CreateDate: created,
    },
  };
});

/**
 * ListAccessKeys: a user's key ids, statuses and creation dates (never the secrets).
 *
 * @example
 * listAccessKeys(store, { UserName: 'alice' }, context).AccessKeyMetadata;
 */
export const listAccessKeys = defineAction(
  (store, input: { UserName?: string } & PagingInput, context) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType },
      ...pagingRules,
    ]);

    const owner = keyOwner(store, input.UserName, context);
    const keys = ownerKeys(store, owner.userId);
    const result = page(
      keys,
      (key) => `${String(key.create_date).padStart(15, '0')}${key.id}`,
      input,
    );
    return {
      AccessKeyMetadata: result.items.map((key) => ({
        UserName: owner.userName,
        AccessKeyId: key.id,
        Status: key.status,
        CreateDate: new Date(key.create_date),
      })),
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);

/**
 * UpdateAccessKey: makes a key `Active` or `Inactive`; inactive keys cannot sign.
 *
 * @example
 * updateAccessKey(store, { UserName: 'alice', AccessKeyId: id, Status: 'Inactive' }, ctx);
 */
export const updateAccessKey = defineAction(
  (
    store,
    input: { UserName?: string; AccessKeyId: string; Status: 'Active' | 'Inactive' },
    context,
  ) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType },
      { member: 'AccessKeyId', constraint: iamTypes.accessKeyIdType, required: true },
      { member: 'Status', constraint: iamTypes.statusType, required: true },
    ]);

    const owner = keyOwner(store, input.UserName, context);
    requireKey(store, input.AccessKeyId, owner.userId);
    store.db
      .prepare('UPDATE access_keys SET status = ? WHERE id = ?')
      .run(input.Status, input.AccessKeyId);
    return {};
  },
);

/**
 * DeleteAccessKey: removes a key pair for good.
 *
 * @example
 * deleteAccessKey(store, { UserName: 'alice', AccessKeyId: id }, context);
 */
export const deleteAccessKey = defineAction(
  (store, input: { UserName?: string; AccessKeyId: string }, context) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType },
      { member: 'AccessKeyId', constraint: iamTypes.accessKeyIdType, required: true },
    ]);

    const owner = keyOwner(store, input.UserName, context);
    requireKey(store, input.AccessKeyId, owner.userId);
    store.db.prepare('DELETE FROM access_keys WHERE id = ?').run(input.AccessKeyId);
    return {};
  },
);

/**
 * GetAccessKeyLastUsed: when, where and for which service a key last signed a request;
 * `N/A` service and region when it never has, as AWS answers.
 *
 * @example
 * getAccessKeyLastUsed(store, { AccessKeyId: id }, context).AccessKeyLastUsed.ServiceName;
 */
export const getAccessKeyLastUsed = defineAction((store, input: { AccessKeyId: string }) => {
  validateInput(input, [
    { member: 'AccessKeyId', constraint: iamTypes.accessKeyIdType, required: true },
  ]);

  const key = store.db.prepare('SELECT * FROM access_keys WHERE id = ?').get(input.AccessKeyId) as
    AccessKeyRow | undefined;
  if (!key) throw noSuchEntity(`The Access Key with id ${input.AccessKeyId} cannot be found.`);

  const owner = key.user_id
    ? (store.db.prepare('SELECT name FROM users WHERE id = ?').get(key.user_id) as {
        name: string;
      })
    : { name: 'root' };
  return {
    UserName: owner.name,
    AccessKeyLastUsed: {
      ...(key.last_used_date ? { LastUsedDate: new Date(key.last_used_date) } : {}),
      ServiceName: key.last_used_service ?? 'N/A',
      Region: key.last_used_region ?? 'N/A',
    },
  };
});
