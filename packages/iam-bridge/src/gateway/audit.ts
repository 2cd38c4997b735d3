import type { Logger } from 'pino';

import { IamError, type IamCaller } from './iam-api.js';
import type {
  AuditEntry,
  AuditOutcome,
  GatewayStore,
  IdempotencyClaim,
  IdempotencySettlement,
  IdempotencyState,
  NewAuditEntry,
} from './store/index.js';

/**
 * One change being audited: the intent is in the store before anything is done, the
 * outcome follows before the answer leaves, with the change's idempotency key settled in
 * the same write.
 *
 * @example
 * const intent = await beginAudit(store, {
 *   caller, action: 'CreateUser', target, requestId, instanceId,
 * });
 * await intent.finish({ outcome: 'succeeded', status: 201 });
 */
export interface AuditIntent {
  id: string;
  finish(
    outcome: Omit<AuditOutcome, 'durationMs'>,
    idempotency?: IdempotencySettlement,
  ): Promise<void>;
}

/** Who does what to which target, as an audit intent records it. */
export type AuditSubject = Omit<NewAuditEntry, 'time'>;

/**
 * Writes the intent of a change and returns the handle that records its outcome, with the
 * time taken.
 *
 * @example
 * const intent = await beginAudit(store, entry);
 */
export async function beginAudit(store: GatewayStore, entry: AuditSubject): Promise<AuditIntent> {
  const started = performance.now();
  const id = await store.appendAudit({ ...entry, time: new Date().toISOString() });
  return intentHandle(store, id, started);
}

/**
 * Starts a change under its idempotency claim, if any, in one write: the key is claimed
 * and, when the change may go ahead, its intent is written (`intent`). Otherwise the key's
 * state comes back and nothing was written.
 *
 * @example
 * const start = await beginAuditedChange(store, entry, claim);
 * if (start.state === 'new') await start.intent.finish({ outcome: 'succeeded', status: 201 });
 */
export async function beginAuditedChange(
  store: GatewayStore,
  entry: AuditSubject,
  claim?: IdempotencyClaim,
): Promise<{ state: 'new'; intent: AuditIntent } | Exclude<IdempotencyState, { state: 'new' }>> {
  const started = performance.now();
  const start = await store.beginChange({ ...entry, time: new Date().toISOString() }, claim);
  if (start.state !== 'new') return start;
  return { state: 'new', intent: intentHandle(store, start.auditId, started) };
}

function intentHandle(store: GatewayStore, id: string, started: number): AuditIntent {
  return {
    id,
    finish: (outcome, idempotency) =>
      store.finishChange(
        id,
        { ...outcome, durationMs: Math.round((performance.now() - started) * 1000) / 1000 },
        idempotency,
      ),
  };
}

/**
 * Settles intents left pending by instances that died (unseen since `staleMs`): asks IAM
 * whether the state now matches the intent (the user exists after `CreateUser`, is gone
 * after `DeleteUser`) and records `reconciled-succeeded` or `reconciled-failed`; changes
 * whose effect cannot be read back are `reconciled-unknown`.
 *
 * @example
 * const settled = await reconcileOrphanedAudit(store, target.caller, { staleMs: 15_000, logger });
 */
export async function reconcileOrphanedAudit(
  store: GatewayStore,
  caller: IamCaller,
  options: { staleMs: number; logger: Logger },
): Promise<number> {
  const staleBefore = new Date(Date.now() - options.staleMs).toISOString();
  const orphans = await store.orphanedAudit(staleBefore, 500);
  for (const entry of orphans) {
    const outcome = (await supersededBy(store, entry)) ?? (await settle(caller, entry));
    // IAM could not be asked: leave the intent for the next round.
    if (outcome === undefined) continue;
    await store.finishAudit(entry.id, {
      outcome,
      detail: `settled after instance ${entry.instanceId} stopped without recording an outcome`,
    });
    options.logger.warn(
      { auditId: entry.id, action: entry.action, target: entry.target, outcome },
      'audit intent reconciled',
    );
  }
  return orphans.length;
}

// CreateUser and DeleteUser cannot both succeed twice in a row on one user. When a later
// attempt of the same change on the same user succeeded (a resumed bulk job, a client's
// retry), IAM's state now reflects that attempt, not the orphan: the orphan did not take
// effect. Reading IAM alone would credit the orphan with the later attempt's work.
async function supersededBy(
  store: GatewayStore,
  entry: AuditEntry,
): Promise<AuditOutcome['outcome'] | undefined> {
  if (entry.action !== 'CreateUser' && entry.action !== 'DeleteUser') return undefined;
  const later = await store.listAudit({
    action: entry.action,
    target: entry.target,
    since: entry.time,
    limit: 50,
  });
  const undone = entry.action === 'CreateUser' ? 'DeleteUser' : 'CreateUser';
  const between = await store.listAudit({
    action: undone,
    target: entry.target,
    since: entry.time,
    limit: 1,
  });
  const succeededLater = later.some(
    (other) => other.id !== entry.id && other.outcome === 'succeeded' && other.time >= entry.time,
  );
  return succeededLater && between.length === 0 ? 'reconciled-failed' : undefined;
}

async function settle(
  caller: IamCaller,
  entry: AuditEntry,
): Promise<AuditOutcome['outcome'] | undefined> {
  const userName = /^user\/([^/]+)$/.exec(entry.target)?.[1];
  const expectation =
    entry.action === 'CreateUser' ? true : entry.action === 'DeleteUser' ? false : undefined;
  if (userName === undefined || expectation === undefined) return 'reconciled-unknown';
  try {
    await caller.send('GetUser', { UserName: userName });
    return expectation ? 'reconciled-succeeded' : 'reconciled-failed';
  } catch (error) {
    if (error instanceof IamError && error.code === 'NoSuchEntity') {
      return expectation ? 'reconciled-failed' : 'reconciled-succeeded';
    }
    return undefined;
  }
}
