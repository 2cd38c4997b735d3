import type { Database } from 'better-sqlite3';

import { abandoned, type Row } from './rows.js';
import type {
  AuditOutcome,
  ChangeStart,
  GatewayStore,
  IdempotencyClaim,
  IdempotencySettlement,
  IdempotencyState,
  NewAuditEntry,
} from './store.js';

/** A connection and its group-commit writer. */
export interface SqliteWriter {
  db: Database;
  write: <T>(run: () => T) => Promise<T>;
}

/**
 * The SQLite store's records of changes: audit intents and outcomes, idempotency keys,
 * and the two transactions every audited change makes (`beginChange`, `finishChange`).
 *
 * Why one fsync per change, before acting: an intent is committed on the `synced`
 * connection (`synchronous = FULL`: the WAL is synced at commit), in the same transaction
 * as the idempotency claim, so no change ever reaches IAM without its entry on disk,
 * whatever stops the machine. The outcome and the key's answer follow in one commit on the
 * `unsynced` connection (`synchronous = NORMAL`): in WAL mode a commit is written through
 * the operating system before it returns, so a gateway killed right after answering
 * (`kill -9`) loses nothing. Only a power loss or kernel crash before the WAL's next sync
 * (the next intent, a checkpoint) can undo an outcome; the intent is then still there,
 * `pending`, and reconciliation settles it against IAM as it does for an instance that
 * died mid-change. Both connections append to the one WAL in commit order, so a later
 * synced commit puts every earlier outcome on disk too.
 *
 * @example
 * const changes = sqliteChangeRecords(
 *   { db, write: writeBatcher(db) },
 *   { db: unsyncedDb, write: writeBatcher(unsyncedDb) },
 * );
 * const start = await changes.beginChange(entry); // { state: 'new', auditId: '1' }
 */
export function sqliteChangeRecords(
  synced: SqliteWriter,
  unsynced: SqliteWriter,
): Pick<
  GatewayStore,
  'appendAudit' | 'finishAudit' | 'beginIdempotency' | 'beginChange' | 'finishChange'
> {
  const insertAudit = synced.db.prepare(
    `INSERT INTO audit_log (time, caller, action, target, request_id, instance_id, outcome)
     VALUES (?, ?, ?, ?, ?, ?, 'pending')`,
  );
  const updateAudit = unsynced.db.prepare(
    `UPDATE audit_log SET outcome = ?, status = ?, error_code = ?, iam_request_id = ?,
     duration_ms = ?, detail = ? WHERE id = ?`,
  );
  const deleteExpiredKey = synced.db.prepare(
    `DELETE FROM idempotency WHERE caller = ? AND key = ? AND expires_at < ?`,
  );
  const insertKey = synced.db.prepare(
    `INSERT INTO idempotency (caller, key, fingerprint, state, started_at, expires_at, instance_id)
     VALUES (?, ?, ?, 'in-flight', ?, ?, ?) ON CONFLICT (caller, key) DO NOTHING`,
  );
  const findKey = synced.db.prepare(
    `SELECT k.*, i.last_seen AS owner_seen FROM idempotency k
     LEFT JOIN instances i ON i.id = k.instance_id WHERE k.caller = ? AND k.key = ?`,
  );
  const takeOverKey = synced.db.prepare(
    `UPDATE idempotency SET started_at = ?, instance_id = ? WHERE caller = ? AND key = ?`,
  );
  const answerKey = unsynced.db.prepare(
    `UPDATE idempotency SET state = 'done', status = ?, body = ? WHERE caller = ? AND key = ?`,
  );
  const releaseKey = unsynced.db.prepare(
    `DELETE FROM idempotency WHERE caller = ? AND key = ? AND state = 'in-flight'`,
  );

  const appendIntent = (entry: NewAuditEntry): string => {
    const { caller, action, target, requestId, instanceId } = entry;
    return String(
      insertAudit.run(entry.time, caller, action, target, requestId, instanceId).lastInsertRowid,
    );
  };
  const recordOutcome = (id: string, outcome: AuditOutcome) =>
    updateAudit.run(
      outcome.outcome,
      outcome.status ?? null,
      outcome.errorCode ?? null,
      outcome.iamRequestId ?? null,
      outcome.durationMs ?? null,
      outcome.detail ?? null,
      Number(id),
    );

  const claimKey = (claim: IdempotencyClaim): IdempotencyState => {
    const { caller, key } = claim;
    deleteExpiredKey.run(caller, key, claim.now);
    const inserted = insertKey.run(
      caller,
      key,
      claim.fingerprint,
      claim.now,
      claim.expiresAt,
      claim.instanceId,
    );
    if (inserted.changes === 1) return { state: 'new' };
    const row = findKey.get(caller, key) as Row;
    if (row.fingerprint !== claim.fingerprint) return { state: 'mismatch' };
    if (row.state === 'done') {
      return { state: 'replay', answer: { status: row.status, body: row.body } };
    }
    if (abandoned(row, claim)) {
      takeOverKey.run(claim.now, claim.instanceId, caller, key);
      return { state: 'new' };
    }
    return { state: 'in-flight' };
  };

  // Run inside a batch, a transaction function is a savepoint: a failure undoes this
  // change's statements only, never half of them. A change without a key is one statement.
  const claimAlone = synced.db.transaction(claimKey);
  const startKeyedChange = synced.db.transaction(
    (entry: NewAuditEntry, claim: IdempotencyClaim): ChangeStart => {
      const state = claimKey(claim);
      if (state.state !== 'new') return state;
      return { state: 'new', auditId: appendIntent(entry) };
    },
  );
  const endKeyedChange = unsynced.db.transaction(
    (id: string, outcome: AuditOutcome, settlement: IdempotencySettlement) => {
      recordOutcome(id, outcome);
      const { caller, key, answer } = settlement;
      if (answer) answerKey.run(answer.status, answer.body, caller, key);
      else releaseKey.run(caller, key);
    },
  );

  return {
    appendAudit: (entry) => synced.write(() => appendIntent(entry)),
    finishAudit: async (id, outcome) => {
      await unsynced.write(() => recordOutcome(id, outcome));
    },
    beginIdempotency: (claim) => synced.write(() => claimAlone(claim)),
    beginChange: (entry, claim) =>
      synced.write((): ChangeStart =>
        claim ? startKeyedChange(entry, claim) : { state: 'new', auditId: appendIntent(entry) },
      ),
    finishChange: async (id, outcome, settlement) => {
      await unsynced.write(() =>
        settlement ? endKeyedChange(id, outcome, settlement) : recordOutcome(id, outcome),
      );
    },
  };
}
