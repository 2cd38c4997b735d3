import type { EmulatorStore } from './store.js';

/**
 * What the authentication layer needs to know about an access key.
 * `usable` folds in the key's status and the `newAccessKeyDelayMs` switch.
 *
 * @example
 * const found: CredentialLookup | undefined = lookupCredentials(store, 'AKIA...');
 */
export interface CredentialLookup {
  accessKeyId: string;
  secretAccessKey: string;
  /** The owning IAM user, or `root` for the account's root keys. */
  principal: { kind: 'root' } | { kind: 'user'; userName: string; userId: string };
  status: 'Active' | 'Inactive';
  /** The first instant at which the key signs successfully. */
  usableAfter: Date;
}

/**
 * Looks up an access key for signature verification. Returns `undefined` for unknown keys;
 * also for keys that are inactive or still inside their `newAccessKeyDelayMs` window
 * when `now` is given, so the caller answers `InvalidClientTokenId` as AWS does for them.
 *
 * @example
 * const credentials = lookupCredentials(store, accessKeyId, new Date());
 * if (!credentials) return invalidClientTokenId();
 */
export function lookupCredentials(
  store: EmulatorStore,
  accessKeyId: string,
  now?: Date,
): CredentialLookup | undefined {
  const row = store.db
    .prepare(
      `SELECT k.id, k.secret, k.status, k.usable_after, k.user_id, u.name AS user_name
       FROM access_keys k LEFT JOIN users u ON u.id = k.user_id WHERE k.id = ?`,
    )
    .get(accessKeyId) as
    | {
        id: string;
        secret: string;
        status: 'Active' | 'Inactive';
        usable_after: number;
        user_id: string | null;
        user_name: string | null;
      }
    | undefined;
  if (!row) return undefined;

  const found: CredentialLookup = {
    accessKeyId: row.id,
    secretAccessKey: row.secret,
    principal:
      row.user_id && row.user_name
        ? { kind: 'user', userName: row.user_name, userId: row.user_id }
        : { kind: 'root' },
    status: row.status,
    usableAfter: new Date(row.usable_after),
  };
  if (now === undefined) return found;
  if (found.status !== 'Active' || now.getTime() < row.usable_after) return undefined;
  return found;
}

/**
 * Records that a key signed a request, for `GetAccessKeyLastUsed`.
 *
 * @example
 * recordAccessKeyUse(store, accessKeyId, { service: 'iam', region: 'us-east-1', now });
 */
export function recordAccessKeyUse(
  store: EmulatorStore,
  accessKeyId: string,
  use: { service: string; region: string; now: Date },
): void {
  store.db
    .prepare(
      `UPDATE access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ?
       WHERE id = ?`,
    )
    .run(use.now.getTime(), use.service, use.region, accessKeyId);
}
