import type pg from 'pg';

import { abandoned, type Row } from './rows.js';
import type {
  AuditOutcome,
  ChangeStart,
  GatewayStore,
  IdempotencyClaim,
  IdempotencyState,
  NewAuditEntry,
} from './store.js';

type Query = (sql: string, values?: unknown[]) => Promise<pg.QueryResult<Row>>;
type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

const INSERT_INTENT = `INSERT INTO audit_log
  (time, caller, action, target, request_id, instance_id, outcome)
  VALUES ($1, $2, $3, $4, $5, $6, 'pending') RETURNING id`;
const UPDATE_OUTCOME = `UPDATE audit_log SET outcome = $1, status = $2, error_code = $3,
  iam_request_id = $4, duration_ms = $5, detail = $6 WHERE id = $7`;

/**
 * The PostgreSQL store's records of changes: audit intents and outcomes, idempotency keys,
 * and the two transactions every audited change makes (`beginChange`, `finishChange`).
 * Every commit is durable (the server's `synchronous_commit`).
 *
 * @example
 * const changes = postgresChangeRecords(query, transaction);
 * const start = await changes.beginChange(entry); // { state: 'new', auditId: '1' }
 */
export function postgresChangeRecords(
  query: Query,
  transaction: Transaction,
): Pick<
  GatewayStore,
  'appendAudit' | 'finishAudit' | 'beginIdempotency' | 'beginChange' | 'finishChange'
> {
  const intentValues = (entry: NewAuditEntry) => [
    entry.time,
    entry.caller,
    entry.action,
    entry.target,
    entry.requestId,
    entry.instanceId,
  ];
  const outcomeValues = (id: string, outcome: AuditOutcome) => [
    outcome.outcome,
    outcome.status ?? null,
    outcome.errorCode ?? null,
    outcome.iamRequestId ?? null,
    outcome.durationMs ?? null,
    outcome.detail ?? null,
    id,
  ];

  return {
    appendAudit: async (entry) =>
      String((await query(INSERT_INTENT, intentValues(entry))).rows[0]!.id),
    finishAudit: async (id, outcome) => {
      await query(UPDATE_OUTCOME, outcomeValues(id, outcome));
    },
    beginIdempotency: (claim) => transaction((client) => claimKey(client, claim)),
    beginChange: (entry, claim) =>
      transaction(async (client): Promise<ChangeStart> => {
        const state = claim ? await claimKey(client, claim) : ({ state: 'new' } as const);
        if (state.state !== 'new') return state;
        const { rows } = await client.query(INSERT_INTENT, intentValues(entry));
        return { state: 'new', auditId: String(rows[0]!.id) };
      }),
    finishChange: async (id, outcome, settlement) => {
      if (settlement === undefined) {
        await query(UPDATE_OUTCOME, outcomeValues(id, outcome));
        return;
      }
      await transaction(async (client) => {
        await client.query(UPDATE_OUTCOME, outcomeValues(id, outcome));
        const { caller, key, answer } = settlement;
        await (answer
          ? client.query(
              `UPDATE idempotency SET state = 'done', status = $1, body = $2
               WHERE caller = $3 AND key = $4`,
              [answer.status, answer.body, caller, key],
            )
          : client.query(
              `DELETE FROM idempotency WHERE caller = $1 AND key = $2 AND state = 'in-flight'`,
              [caller, key],
            ));
      });
    },
  };
}

async function claimKey(client: pg.PoolClient, claim: IdempotencyClaim): Promise<IdempotencyState> {
  const { caller, key } = claim;
  await client.query(`DELETE FROM idempotency WHERE caller = $1 AND key = $2 AND expires_at < $3`, [
    caller,
    key,
    claim.now,
  ]);
  const inserted = await client.query(
    `INSERT INTO idempotency
     (caller, key, fingerprint, state, started_at, expires_at, instance_id)
     VALUES ($1, $2, $3, 'in-flight', $4, $5, $6) ON CONFLICT (caller, key) DO NOTHING`,
    [caller, key, claim.fingerprint, claim.now, claim.expiresAt, claim.instanceId],
  );
  if (inserted.rowCount === 1) return { state: 'new' };
  const { rows } = await client.query<Row>(
    `SELECT k.*, i.last_seen AS owner_seen FROM idempotency k
     LEFT JOIN instances i ON i.id = k.instance_id
     WHERE k.caller = $1 AND k.key = $2 FOR UPDATE OF k`,
    [caller, key],
  );
  const row = rows[0];
  // Deleted by a concurrent expiry between the insert and the select: let it retry.
  if (!row) return { state: 'in-flight' };
  if (row.fingerprint !== claim.fingerprint) return { state: 'mismatch' };
  if (row.state === 'done') {
    return { state: 'replay', answer: { status: row.status, body: row.body } };
  }
  if (abandoned(row, claim)) {
    await client.query(
      `UPDATE idempotency SET started_at = $1, instance_id = $2
       WHERE caller = $3 AND key = $4`,
      [claim.now, claim.instanceId, caller, key],
    );
    return { state: 'new' };
  }
  return { state: 'in-flight' };
}
