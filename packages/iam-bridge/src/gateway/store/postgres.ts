import pg from 'pg';

import { auditWhere } from './audit-filter.js';
import { postgresChangeRecords } from './postgres-changes.js';
import type { GatewayStore } from './store.js';
import { auditFromRow, itemFromRow, jobFromRow, keyFromRow, type Row } from './rows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL, hash TEXT NOT NULL,
  created_at TEXT NOT NULL, revoked_at TEXT);
CREATE TABLE IF NOT EXISTS audit_log (
  id BIGSERIAL PRIMARY KEY, time TEXT NOT NULL, caller TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL, request_id TEXT NOT NULL,
  instance_id TEXT NOT NULL, outcome TEXT NOT NULL, status INTEGER, error_code TEXT,
  iam_request_id TEXT, duration_ms DOUBLE PRECISION, detail TEXT);
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
  seq BIGSERIAL PRIMARY KEY, job_id TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bulk_journal_job ON bulk_journal (job_id, seq);
CREATE TABLE IF NOT EXISTS instances (id TEXT PRIMARY KEY, last_seen TEXT NOT NULL);
`;

const JOB_COUNTS = `SELECT j.*,
  (SELECT COUNT(*) FROM bulk_items i WHERE i.job_id = j.id) AS total,
  (SELECT COUNT(*) FROM bulk_items i WHERE i.job_id = j.id AND i.status = 'succeeded') AS succeeded,
  (SELECT COUNT(*) FROM bulk_items i WHERE i.job_id = j.id AND i.status = 'failed') AS failed
  FROM bulk_jobs j`;

/**
 * The gateway store in PostgreSQL, for several replicas behind a load balancer: claims
 * (idempotency keys, job leases) are single statements or row locks, so two replicas never
 * both win one. The schema is created when missing, under an advisory lock.
 *
 * @example
 * const store = await openPostgresStore('postgres://gateway@db/iam_bridge');
 * await store.close();
 */
export async function openPostgresStore(url: string): Promise<GatewayStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const query = async (sql: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> =>
    pool.query(sql, values);

  const setup = await pool.connect();
  try {
    await setup.query('SELECT pg_advisory_lock(7412001)');
    await setup.query(SCHEMA);
    await setup.query('SELECT pg_advisory_unlock(7412001)');
  } finally {
    setup.release();
  }

  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  const getJob = async (id: string) => {
    const { rows } = await query(`${JOB_COUNTS} WHERE j.id = $1`, [id]);
    return rows[0] ? jobFromRow(rows[0]) : undefined;
  };

  return {
    kind: 'postgres',
    insertApiKey: async (record) => {
      await query(
        `INSERT INTO api_keys (id, name, scopes, hash, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [record.id, record.name, record.scopes.join(','), record.hash, record.createdAt],
      );
    },
    findApiKey: async (id) => {
      const { rows } = await query(`SELECT * FROM api_keys WHERE id = $1`, [id]);
      return rows[0] ? keyFromRow(rows[0]) : undefined;
    },
    listApiKeys: async () =>
      (await query(`SELECT * FROM api_keys ORDER BY created_at`)).rows.map(keyFromRow),
    revokeApiKey: async (id, revokedAt) =>
      (
        await query(`UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, [
          revokedAt,
          id,
        ])
      ).rowCount === 1,
    countActiveApiKeys: async () =>
      Number(
        (await query(`SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL`)).rows[0]!.n,
      ),

    ...postgresChangeRecords(query, transaction),
    listAudit: async (filter) => {
      const { where, values } = auditWhere(filter, (n) => `$${n}`);
      const sql = `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT $${values.length + 1}`;
      return (await query(sql, [...values, filter.limit])).rows.map(auditFromRow);
    },
    orphanedAudit: async (staleBefore, limit) =>
      (
        await query(
          `SELECT a.* FROM audit_log a LEFT JOIN instances i ON i.id = a.instance_id
           WHERE a.outcome = 'pending' AND (i.last_seen IS NULL OR i.last_seen < $1)
           ORDER BY a.id LIMIT $2`,
          [staleBefore, limit],
        )
      ).rows.map(auditFromRow),

    createBulkJob: (job, items) =>
      transaction(async (client) => {
        await client.query(
          `INSERT INTO bulk_jobs (id, caller, operation, force, status, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'queued', $5, $5)`,
          [job.id, job.caller, job.operation, job.force ? 1 : 0, job.createdAt],
        );
        await client.query(
          `INSERT INTO bulk_items (job_id, idx, input, status)
           SELECT $1, ordinality - 1, value, 'pending'
           FROM unnest($2::text[]) WITH ORDINALITY AS t(value, ordinality)`,
          [job.id, items.map((item) => JSON.stringify(item))],
        );
      }),
    getBulkJob: getJob,
    listBulkItems: async (jobId) =>
      (await query(`SELECT * FROM bulk_items WHERE job_id = $1 ORDER BY idx`, [jobId])).rows.map(
        itemFromRow,
      ),
    claimBulkJob: async (instanceId, now, leaseUntil) => {
      const { rows } = await query(
        `UPDATE bulk_jobs SET status = 'running', lease_owner = $1, lease_until = $2,
         updated_at = $3
         WHERE id = (SELECT id FROM bulk_jobs WHERE status IN ('queued', 'running')
           AND (lease_until IS NULL OR lease_until < $3) ORDER BY created_at LIMIT 1
           FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [instanceId, leaseUntil, now],
      );
      return rows[0] ? getJob(rows[0].id) : undefined;
    },
    renewBulkLease: async (jobId, instanceId, leaseUntil) =>
      (
        await query(`UPDATE bulk_jobs SET lease_until = $1 WHERE id = $2 AND lease_owner = $3`, [
          leaseUntil,
          jobId,
          instanceId,
        ])
      ).rowCount === 1,
    markBulkItem: async (jobId, index, status, result) => {
      await query(
        `UPDATE bulk_items SET status = $1, result = COALESCE($2, result), attempts = attempts + 1
         WHERE job_id = $3 AND idx = $4`,
        [status, result ? JSON.stringify(result) : null, jobId, index],
      );
    },
    appendBulkJournal: async (jobId, record) => {
      await query(`INSERT INTO bulk_journal (job_id, record) VALUES ($1, $2)`, [
        jobId,
        JSON.stringify(record),
      ]);
    },
    readBulkJournal: async (jobId) =>
      (
        await query(`SELECT record FROM bulk_journal WHERE job_id = $1 ORDER BY seq`, [jobId])
      ).rows.map((row) => JSON.parse(row.record) as object),
    finishBulkJob: async (jobId, status, now) => {
      await query(
        `UPDATE bulk_jobs SET status = $1, updated_at = $2, lease_owner = NULL,
         lease_until = NULL WHERE id = $3`,
        [status, now, jobId],
      );
    },

    heartbeat: async (instanceId, now) => {
      await query(
        `INSERT INTO instances (id, last_seen) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen`,
        [instanceId, now],
      );
    },
    ping: async () => {
      await query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
