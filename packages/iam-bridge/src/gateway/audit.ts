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
 * Settles intents left pending by instances that died (unseen since `staleMs`). A
 * `CreateUser` or `DeleteUser` is judged by the first later audited change on the same
 * user whose outcome shows whether the user existed, else by asking IAM whether the state
 * now matches the intent (the user exists after `CreateUser`, is gone after `DeleteUser`);
 * it records `reconciled-succeeded` or `reconciled-failed`. Changes whose effect cannot be
 * read back are `reconciled-unknown`. An intent is left for a later round while IAM cannot
 * be asked, or while a later change on the same user is still running. A later
 * `CreateUser` that succeeded is taken to have found no user, even when it answered
 * `exists` (the audit log does not tell the two apart).
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
  const orphanIds = new Set(orphans.map((entry) => entry.id));
  for (const entry of orphans) {
    const witnessed = await witnessedLater(store, entry, orphanIds);
    if (witnessed === 'running') continue;
    const outcome = witnessed ?? (await settle(caller, entry));
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

// CreateUser succeeds only on a user that does not exist, DeleteUser only on one that
// does. The first later attempt on the same user (a resumed bulk job, a client's retry)
// whose outcome shows which it found tells what the orphan left; IAM read now would credit
// the orphan with the later attempts' work (a bulk job replacing a half-made user deletes
// and creates it again). While a later attempt by a live instance is still pending, its
// effect and the orphan's cannot be told apart yet: `running`.
async function witnessedLater(
  store: GatewayStore,
  entry: AuditEntry,
  orphanIds: ReadonlySet<string>,
): Promise<AuditOutcome['outcome'] | 'running' | undefined> {
  if (entry.action !== 'CreateUser' && entry.action !== 'DeleteUser') return undefined;
  const later: AuditEntry[] = [];
  for (let cursor: string | undefined, page: AuditEntry[] = []; ; cursor = page.at(-1)!.id) {
    // Newest first, down to the orphan: ids, not clocks, order the changes.
    page = await store.listAudit({
      target: entry.target,
      limit: 200,
      ...(cursor === undefined ? {} : { cursor }),
    });
    later.push(...page.filter((other) => Number(other.id) > Number(entry.id)));
    if (page.length < 200 || Number(page.at(-1)!.id) <= Number(entry.id)) break;
  }

  for (const other of later.reverse()) {
    if (other.action !== 'CreateUser' && other.action !== 'DeleteUser') continue;
    if (other.outcome === 'pending') {
      if (orphanIds.has(other.id)) continue;
      return 'running';
    }
    const existed = userExistedFor(other);
    if (existed === undefined) continue;
    return existed === (entry.action === 'CreateUser')
      ? 'reconciled-succeeded'
      : 'reconciled-failed';
  }
  return undefined;
}

// Whether the user existed when this change ran, as its outcome shows; undefined when it
// does not tell (a throttled or failed call).
function userExistedFor(change: AuditEntry): boolean | undefined {
  const succeeded = change.outcome === 'succeeded' || change.outcome === 'reconciled-succeeded';
  if (change.action === 'CreateUser') {
    if (succeeded) return false;
    if (change.errorCode === 'EntityAlreadyExists') return true;
    return undefined;
  }
  if (succeeded) return true;
  if (change.errorCode === 'NoSuchEntity') return false;
  return undefined;
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
