/**
 * What the gateway keeps between requests, and across replicas when it is PostgreSQL: API
 * keys (hashed), the audit log, idempotency records, bulk jobs with their item journal, and
 * the heartbeats of running instances. One interface, two implementations with the same
 * behaviour (`openSqliteStore`, `openPostgresStore`).
 *
 * @example
 * const store = await openGatewayStore('gateway.sqlite');
 * await store.insertApiKey({ id, name: 'ci', scopes: ['read'], hash, createdAt });
 */
export interface GatewayStore {
  readonly kind: 'sqlite' | 'postgres';
  insertApiKey(record: ApiKeyRecord): Promise<void>;
  findApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked; false when there is no such key or it was revoked already. */
  revokeApiKey(id: string, revokedAt: string): Promise<boolean>;
  countActiveApiKeys(): Promise<number>;

  /**
   * Writes an audit entry (an intent while `outcome` is `pending`) and returns its id; the
   * entry is on disk when this resolves.
   */
  appendAudit(entry: NewAuditEntry): Promise<string>;
  /**
   * Records the outcome of an intent. Once this resolves the outcome survives the gateway
   * process being killed; on SQLite a power loss before the next synced commit may undo it,
   * leaving the intent pending for reconciliation.
   */
  finishAudit(id: string, outcome: AuditOutcome): Promise<void>;
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;
  /** Intents still pending whose instance has not been seen since `staleBefore`. */
  orphanedAudit(staleBefore: string, limit: number): Promise<AuditEntry[]>;

  beginIdempotency(claim: IdempotencyClaim): Promise<IdempotencyState>;
  /**
   * Starts a change in one transaction, on disk when this resolves: claims its idempotency
   * key when it has one and, when the change may go ahead, writes its audit intent. A key
   * that is answered, in flight or taken by another request writes no intent.
   */
  beginChange(entry: NewAuditEntry, claim?: IdempotencyClaim): Promise<ChangeStart>;
  /**
   * Records a change's outcome (as `finishAudit` does) and settles its idempotency key in
   * the same transaction.
   */
  finishChange(
    auditId: string,
    outcome: AuditOutcome,
    idempotency?: IdempotencySettlement,
  ): Promise<void>;

  createBulkJob(job: NewBulkJob, items: readonly object[]): Promise<void>;
  getBulkJob(id: string): Promise<BulkJob | undefined>;
  listBulkItems(jobId: string): Promise<BulkItem[]>;
  /**
   * Takes the oldest unfinished job whose lease has run out (or never was taken) for this
   * instance until `leaseUntil`; undefined when there is none.
   */
  claimBulkJob(instanceId: string, now: string, leaseUntil: string): Promise<BulkJob | undefined>;
  renewBulkLease(jobId: string, instanceId: string, leaseUntil: string): Promise<boolean>;
  /** Records an item's outcome as the bulk runner reports it. */
  markBulkItem(
    jobId: string,
    index: number,
    status: BulkItemStatus,
    result?: object,
  ): Promise<void>;
  /** Appends one record to a job's journal (the lifecycle bulk runner's). */
  appendBulkJournal(jobId: string, record: object): Promise<void>;
  /** A job's journal records, oldest first. */
  readBulkJournal(jobId: string): Promise<object[]>;
  finishBulkJob(jobId: string, status: BulkJobStatus, now: string): Promise<void>;

  heartbeat(instanceId: string, now: string): Promise<void>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The access levels an API key may hold. `admin` includes `write`, `write` includes `read`. */
export type Scope = 'read' | 'write' | 'admin';

/**
 * An API key as stored: the argon2id hash of its secret part, never the key itself.
 *
 * @example
 * const record: ApiKeyRecord = { id: 'k1', name: 'ci', scopes: ['read'], hash, createdAt };
 */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: Scope[];
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

/**
 * How a change ended; `pending` while it runs, `reconciled-*` when found after a crash,
 * `issued` for a presigned URL handed out (the change happens when someone follows it).
 */
export type AuditOutcomeName =
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'issued'
  | 'reconciled-succeeded'
  | 'reconciled-failed'
  | 'reconciled-unknown';

/**
 * The outcome half of an audit entry.
 *
 * @example
 * const outcome: AuditOutcome = { outcome: 'succeeded', status: 201, durationMs: 12 };
 */
export interface AuditOutcome {
  outcome: AuditOutcomeName;
  status?: number;
  errorCode?: string;
  iamRequestId?: string;
  durationMs?: number;
  detail?: string;
}

/**
 * The intent half of an audit entry.
 *
 * @example
 * const entry: NewAuditEntry = {
 *   time, caller: 'key:k1 (ci)', action: 'CreateUser', target: 'user/ana',
 *   requestId: 'r1', instanceId: 'i1',
 * };
 */
export interface NewAuditEntry {
  time: string;
  caller: string;
  action: string;
  target: string;
  requestId: string;
  instanceId: string;
}

/**
 * One audit log entry as read back.
 *
 * @example
 * const entries: AuditEntry[] = await store.listAudit({ limit: 10 });
 */
export interface AuditEntry extends NewAuditEntry, AuditOutcome {
  id: string;
}

/**
 * Filters of `listAudit`; times are ISO strings, `cursor` the last id of the previous page.
 *
 * @example
 * const filter: AuditFilter = {
 *   action: 'DeleteUser', since: '2026-01-01T00:00:00.000Z', limit: 50,
 * };
 */
export interface AuditFilter {
  caller?: string;
  action?: string;
  target?: string;
  outcome?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit: number;
}

/**
 * A request to run a change once under an idempotency key.
 *
 * @example
 * const claim: IdempotencyClaim = {
 *   caller: 'k1', key: 'abc', fingerprint, now, expiresAt, instanceId,
 *   staleBefore, instanceStaleBefore,
 * };
 */
export interface IdempotencyClaim {
  caller: string;
  key: string;
  fingerprint: string;
  now: string;
  expiresAt: string;
  /** The instance taking the key. */
  instanceId: string;
  /** An in-flight record started before this time is taken to be abandoned. */
  staleBefore: string;
  /** So is one whose instance has not been seen since this time (it died). */
  instanceStaleBefore: string;
}

/**
 * A stored answer: status and body text, replayed as they are.
 *
 * @example
 * const answer: StoredAnswer = { status: 201, body: '{"status":"created"}' };
 */
export interface StoredAnswer {
  status: number;
  body: string;
}

/** What `beginIdempotency` found: act now, replay, wait, or refuse a different request. */
export type IdempotencyState =
  | { state: 'new' }
  | { state: 'replay'; answer: StoredAnswer }
  | { state: 'in-flight' }
  | { state: 'mismatch' };

/**
 * What `beginChange` found: the intent written (act now), or the key's state, with no
 * intent written.
 *
 * @example
 * const start: ChangeStart = { state: 'new', auditId: '42' };
 */
export type ChangeStart =
  { state: 'new'; auditId: string } | Exclude<IdempotencyState, { state: 'new' }>;

/**
 * How a change's idempotency key ends: its answer stored for repeats, or, without
 * `answer`, the in-flight record released so that a retry acts.
 *
 * @example
 * const settled: IdempotencySettlement = { caller: 'key:k1', key: 'abc', answer };
 */
export interface IdempotencySettlement {
  caller: string;
  key: string;
  answer?: StoredAnswer;
}

/** The states of a bulk job. */
export type BulkJobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'partial';

/** The states of one bulk item in the job's report. */
export type BulkItemStatus = 'pending' | 'succeeded' | 'failed';

/**
 * A job as submitted.
 *
 * @example
 * const job: NewBulkJob = {
 *   id: 'j1', caller: 'key:k1 (ci)', createdAt: now, operation: 'create', force: false,
 * };
 */
export interface NewBulkJob {
  id: string;
  caller: string;
  createdAt: string;
  operation: 'create' | 'delete';
  force: boolean;
}

/**
 * A job with its progress counted from the journal.
 *
 * @example
 * const job = await store.getBulkJob('j1'); // { status: 'running', total: 10, ... }
 */
export interface BulkJob extends NewBulkJob {
  status: BulkJobStatus;
  updatedAt: string;
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
}

/**
 * One journal line of a bulk job.
 *
 * @example
 * const item: BulkItem = { jobId: 'j1', index: 0, input: {...}, status: 'pending', attempts: 0 };
 */
export interface BulkItem {
  jobId: string;
  index: number;
  input: Record<string, unknown>;
  status: BulkItemStatus;
  result?: Record<string, unknown>;
  attempts: number;
}
