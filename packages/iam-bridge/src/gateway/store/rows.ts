// Turns rows of either database into the store's records; column names are the same in both.
import type {
  ApiKeyRecord,
  AuditEntry,
  BulkItem,
  BulkJob,
  IdempotencyClaim,
  Scope,
} from './store.js';

/** A database row, as either driver returns it. */
export type Row = Record<string, any>;

/**
 * An `api_keys` row as a record.
 *
 * @example
 * keyFromRow({ id: 'k1', name: 'ci', scopes: 'read', hash, created_at }).scopes; // ['read']
 */
export function keyFromRow(row: Row): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    scopes: String(row.scopes).split(',').filter(Boolean) as Scope[],
    hash: row.hash,
    createdAt: row.created_at,
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
  };
}

/**
 * An `audit_log` row as an entry; empty columns are left out.
 *
 * @example auditFromRow(row).outcome // 'succeeded'
 */
export function auditFromRow(row: Row): AuditEntry {
  const entry: AuditEntry = {
    id: String(row.id),
    time: row.time,
    caller: row.caller,
    action: row.action,
    target: row.target,
    requestId: row.request_id,
    instanceId: row.instance_id,
    outcome: row.outcome,
  };
  if (row.status !== null && row.status !== undefined) entry.status = Number(row.status);
  if (row.error_code) entry.errorCode = row.error_code;
  if (row.iam_request_id) entry.iamRequestId = row.iam_request_id;
  if (row.duration_ms !== null && row.duration_ms !== undefined) {
    entry.durationMs = Number(row.duration_ms);
  }
  if (row.detail) entry.detail = row.detail;
  return entry;
}

/**
 * A `bulk_jobs` row with its item counts as a job.
 *
 * @example jobFromRow(row).pending // total - succeeded - failed
 */
export function jobFromRow(row: Row): BulkJob {
  const total = Number(row.total);
  const succeeded = Number(row.succeeded);
  const failed = Number(row.failed);
  return {
    id: row.id,
    caller: row.caller,
    operation: row.operation,
    force: Number(row.force) === 1,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    total,
    succeeded,
    failed,
    pending: total - succeeded - failed,
  };
}

/**
 * A `bulk_items` row as a journal line.
 *
 * @example itemFromRow(row).status // 'started'
 */
export function itemFromRow(row: Row): BulkItem {
  return {
    jobId: row.job_id,
    index: Number(row.idx),
    input: JSON.parse(row.input),
    status: row.status,
    ...(row.result ? { result: JSON.parse(row.result) } : {}),
    attempts: Number(row.attempts),
  };
}

/**
 * Whether an in-flight idempotency record (joined with its instance's `owner_seen`) was
 * left behind: too old, or its instance died, so a repeat may act.
 *
 * @example abandoned({ started_at, owner_seen: null }, claim) // true: the instance is gone
 */
export function abandoned(row: Row, claim: IdempotencyClaim): boolean {
  if (row.started_at < claim.staleBefore) return true;
  return row.owner_seen === null || row.owner_seen === undefined
    ? true
    : row.owner_seen < claim.instanceStaleBefore;
}
