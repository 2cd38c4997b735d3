import Database from 'better-sqlite3';

import { writeBatcher } from './sqlite-batch.js';
import { sqliteChangeRecords } from './sqlite-changes.js';
import { auditWhere } from './audit-filter.js';
import type {
  ApiKeyRecord,
  AuditEntry,
  AuditFilter,
  BulkItem,
  BulkJob,
  GatewayStore,
} from './store.js';
import { auditFromRow, itemFromRow, jobFromRow, keyFromRow, type Row } from './rows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL, hash TEXT NOT NULL,
  created_at TEXT NOT NULL, revoked_at TEXT);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, caller TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL, request_id TEXT NOT NULL,
  instance_id TEXT NOT NULL, outcome TEXT NOT NULL, status INTEGER, error_code TEXT,
  iam_request_id TEXT, duration_ms REAL, detail TEXT);
CREATE INDEX IF NOT EXISTS audit_pending ON audit_log (outcome) WHERE outcome = 'pending';
CREATE TABLE IF NOT EXISTS idempotency (
  caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, state TEXT NOT NULL,
  status INTEGER, body TEXT, started_at TEXT NOT NULL, expires_at TEXT NOT NULL,
  instance_id TEXT,
  PRIMARY KEY (caller, key));
CREATE TABLE IF NOT EXISTS bulk_jobs (
  id TEXT PRIMARY KEY, caller TEXT NOT NULL, operation TEXT NOT NULL, force INTEGER NOT NULL,
  status TEXT NOT NULL, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, lease_owner TEXT, lease_until TEXT);
CREATE TABLE IF NOT EXISTS bulk_items (
  job_id TEXT NOT NULL, idx INTEGER NOT NULL, input TEXT NOT NULL, status TEXT NOT NULL,
  result TEXT, attempts INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (job_id, idx));
CREATE TABLE IF NOT EXISTS bulk_journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bulk_journal_job ON bulk_journal (job_id, seq);
CREATE TABLE IF NOT EXISTS instances (id TEXT PRIMARY KEY, last_seen TEXT NOT NULL);
`;

const JOB_COUNTS = `SELECT j.*,
  (SELECT COUNT(*) FROM bulk_items i WHERE i.job_id = j.id) AS total,
  (SELECT COUNT(*) FROM bulk_items i WHERE i.job_id = j.id AND i.status = 'succeeded') AS succeeded,
  (SELECT COUNT(*) FROM bulk_items i WHERE i.job_id = j.id AND i.status = 'failed') AS failed
  FROM bulk_jobs j`;

/**
 * The gateway store in one SQLite file (WAL mode; commits are synced, `synchronous = FULL`,
 * except a change's outcome, see `sqliteChangeRecords`), or in memory with `:memory:`.
 *
 * @example
 * const store = openSqliteStore('gateway.sqlite');
 * await store.close();
 */
export function openSqliteStore(file: string): GatewayStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const write = writeBatcher(db);
  // Outcomes go through a second connection whose commits are not synced (see
  // sqliteChangeRecords). The setting is per connection: switching one connection back
  // and forth would expire every statement it has prepared. In memory there is one.
  const unsyncedDb = file === ':memory:' ? db : new Database(file);
  if (unsyncedDb !== db) {
    unsyncedDb.pragma('synchronous = NORMAL');
    unsyncedDb.pragma('busy_timeout = 5000');
  }

  const statement = (sql: string) => db.prepare(sql);
  const insertKey = statement(
    `INSERT INTO api_keys (id, name, scopes, hash, created_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const findKey = statement(`SELECT * FROM api_keys WHERE id = ?`);
  const claimJob = db.transaction((instanceId: string, now: string, leaseUntil: string) => {
    const row = db
      .prepare(
        `SELECT id FROM bulk_jobs WHERE status IN ('queued', 'running')
         AND (lease_until IS NULL OR lease_until < ?) ORDER BY created_at LIMIT 1`,
      )
      .get(now) as Row | undefined;
    if (!row) return undefined;
    db.prepare(
      `UPDATE bulk_jobs SET status = 'running', lease_owner = ?, lease_until = ?, updated_at = ?
       WHERE id = ?`,
    ).run(instanceId, leaseUntil, now, row.id);
    return row.id as string;
  });

  const createJob = db.transaction(
    (job: Parameters<GatewayStore['createBulkJob']>[0], items: readonly object[]) => {
      db.prepare(
        `INSERT INTO bulk_jobs (id, caller, operation, force, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
      ).run(job.id, job.caller, job.operation, job.force ? 1 : 0, job.createdAt, job.createdAt);
      const insertItem = db.prepare(
        `INSERT INTO bulk_items (job_id, idx, input, status) VALUES (?, ?, ?, 'pending')`,
      );
      items.forEach((item, index) => insertItem.run(job.id, index, JSON.stringify(item)));
    },
  );

  const getJob = (id: string): BulkJob | undefined => {
    const row = db.prepare(`${JOB_COUNTS} WHERE j.id = ?`).get(id) as Row | undefined;
    return row ? jobFromRow(row) : undefined;
  };

  return {
    kind: 'sqlite',
    insertApiKey: async (record) => {
      insertKey.run(record.id, record.name, record.scopes.join(','), record.hash, record.createdAt);
    },
    findApiKey: async (id) => {
      const row = findKey.get(id) as Row | undefined;
      return row ? keyFromRow(row) : undefined;
    },
    listApiKeys: async (): Promise<ApiKeyRecord[]> =>
      (statement(`SELECT * FROM api_keys ORDER BY created_at`).all() as Row[]).map(keyFromRow),
    revokeApiKey: async (id, revokedAt) =>
      statement(`UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).run(
        revokedAt,
        id,
      ).changes === 1,
    countActiveApiKeys: async () =>
      (statement(`SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL`).get() as Row)
        .n as number,

    ...sqliteChangeRecords(
      { db, write },
      { db: unsyncedDb, write: unsyncedDb === db ? write : writeBatcher(unsyncedDb) },
    ),
    listAudit: async (filter: AuditFilter): Promise<AuditEntry[]> => {
      const { where, values } = auditWhere(filter, () => '?');
      const sql = `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...values, filter.limit) as Row[]).map(auditFromRow);
    },
    orphanedAudit: async (staleBefore, limit) =>
      (
        db
          .prepare(
            `SELECT a.* FROM audit_log a LEFT JOIN instances i ON i.id = a.instance_id
             WHERE a.outcome = 'pending' AND (i.last_seen IS NULL OR i.last_seen < ?)
             ORDER BY a.id LIMIT ?`,
          )
          .all(staleBefore, limit) as Row[]
      ).map(auditFromRow),

    createBulkJob: async (job, items) => createJob.immediate(job, items),
    getBulkJob: async (id) => getJob(id),
    listBulkItems: async (jobId): Promise<BulkItem[]> =>
      (statement(`SELECT * FROM bulk_items WHERE job_id = ? ORDER BY idx`).all(jobId) as Row[]).map(
        itemFromRow,
      ),
    claimBulkJob: async (instanceId, now, leaseUntil) => {
      const id = claimJob.immediate(instanceId, now, leaseUntil);
      return id === undefined ? undefined : getJob(id);
    },
    renewBulkLease: async (jobId, instanceId, leaseUntil) =>
      statement(`UPDATE bulk_jobs SET lease_until = ? WHERE id = ? AND lease_owner = ?`).run(
        leaseUntil,
        jobId,
        instanceId,
      ).changes === 1,
    markBulkItem: async (jobId, index, status, result) => {
      await write(() =>
        statement(
          `UPDATE bulk_items SET status = ?, result = COALESCE(?, result), attempts = attempts + 1
         WHERE job_id = ? AND idx = ?`,
        ).run(status, result ? JSON.stringify(result) : null, jobId, index),
      );
    },
    appendBulkJournal: async (jobId, record) => {
      await write(() =>
        statement(`INSERT INTO bulk_journal (job_id, record) VALUES (?, ?)`).run(
          jobId,
          JSON.stringify(record),
        ),
      );
    },
    readBulkJournal: async (jobId) =>
      (
        statement(`SELECT record FROM bulk_journal WHERE job_id = ? ORDER BY seq`).all(
          jobId,
        ) as Row[]
      ).map((row) => JSON.parse(row.record) as object),
    finishBulkJob: async (jobId, status, now) => {
      statement(
        `UPDATE bulk_jobs SET status = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ?`,
      ).run(status, now, jobId);
    },

    heartbeat: async (instanceId, now) => {
      statement(
        `INSERT INTO instances (id, last_seen) VALUES (?, ?)
         ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen`,
      ).run(instanceId, now);
    },
    ping: async () => {
      statement('SELECT 1').get();
    },
    close: async () => {
      if (unsyncedDb.open) unsyncedDb.close();
      if (db.open) db.close();
    },
  };
}
