import { createUser } from '../create-user.js';
import { deleteUser } from '../delete-user.js';
import type { IamCaller } from '../iam-caller.js';
import { hasErrorCode, LifecycleError } from '../lifecycle-error.js';
import type { UserSpec } from '../user-spec.js';
import {
  addToReport,
  type BulkItemEvent,
  type BulkOperation,
  type BulkReport,
} from './bulk-report.js';
import type { BulkRow } from './input-file.js';
import type { Journal } from './journal.js';

/**
 * Options of `runBulk`. `concurrency` (default 4) rows are worked on at once; pace
 * requests by passing a `rateLimited` caller. `onItem` hears each row's outcome as it is
 * recorded. A `journal` makes the run resumable.
 *
 * @example
 * const options: BulkOptions = { operation: 'delete', rows, force: true, concurrency: 8 };
 */
export interface BulkOptions {
  operation: BulkOperation;
  rows: readonly BulkRow[];
  journal?: Journal;
  concurrency?: number;
  force?: boolean;
  dryRun?: boolean;
  onBadRow?: 'skip' | 'fail';
  signal?: AbortSignal;
  loginProfileDeadlineMs?: number;
  onItem?: (event: BulkItemEvent) => void;
}

/**
 * Creates or deletes many users. Each row is journaled before and after its change, so a
 * run killed at any point and started again with the same journal skips finished rows,
 * removes a user it had only half made and makes it again, and never makes one twice. A
 * malformed row is reported with its line; with `onBadRow: 'fail'` a file with any
 * malformed row changes nothing: every malformed row is reported, `stoppedAtLine` names the
 * first, and no row is worked on (a half-applied import is what failing fast avoids).
 *
 * @example
 * const journal = await openJournal('users.csv.journal');
 * const report = await runBulk(rateLimited(client, new TokenBucket(10)), {
 *   operation: 'create', rows: parseBulkFile(text, 'csv'), journal,
 * });
 */
export async function runBulk(caller: IamCaller, options: BulkOptions): Promise<BulkReport> {
  const started = Date.now();
  const report: BulkReport = {
    operation: options.operation,
    dryRun: options.dryRun === true,
    total: options.rows.length,
    done: [],
    alreadyDone: [],
    failed: [],
    badRows: [],
    elapsedMs: 0,
  };
  const record = (event: BulkItemEvent) => {
    addToReport(report, event);
    options.onItem?.(event);
  };
  const recordBadRow = (row: BulkRow) =>
    record({
      line: row.line,
      status: 'bad-row',
      code: 'InvalidUserSpec',
      message: row.error ?? 'malformed',
    });

  if (options.onBadRow === 'fail') {
    const bad = options.rows.filter((row) => !row.spec);
    if (bad.length > 0) {
      bad.forEach(recordBadRow);
      report.stoppedAtLine = bad[0].line;
      report.elapsedMs = Date.now() - started;
      return report;
    }
  }

  let next = 0;
  const worker = async () => {
    while (next < options.rows.length && !options.signal?.aborted) {
      const row = options.rows[next++];
      if (!row.spec) {
        recordBadRow(row);
        continue;
      }
      const run = options.operation === 'create' ? createOne : deleteOne;
      await run(caller, row.line, row.spec, options, record);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, options.rows.length || 1));
  await Promise.all(Array.from({ length: workers }, worker));

  for (const list of [report.done, report.alreadyDone, report.failed, report.badRows]) {
    list.sort((left, right) => left.line - right.line);
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

async function createOne(
  caller: IamCaller,
  line: number,
  spec: UserSpec,
  options: BulkOptions,
  record: (event: BulkItemEvent) => void,
): Promise<void> {
  const userName = spec.userName;
  const key = `create:${userName.toLowerCase()}`;
  const journal = options.journal;
  const prior = journal?.latest(key);
  if (prior?.state === 'done') return record({ line, userName, status: 'already-done' });

  const send = options.signal ? { signal: options.signal } : {};
  const deadline = options.loginProfileDeadlineMs;
  const lifecycleOptions = {
    ...send,
    ...(deadline === undefined ? {} : { loginProfileDeadlineMs: deadline }),
  };
  try {
    if (options.dryRun) {
      const planned = await createUser(caller, spec, { ...send, dryRun: true });
      const status = planned.status === 'exists' ? 'exists' : 'planned';
      return record({ line, userName, status, steps: planned.steps });
    }

    // An earlier run recorded that it was creating this user and was stopped before it
    // finished: what exists now is its own half-made user, with secrets nobody received.
    const recovered = prior?.state === 'creating';
    if (recovered) await deleteUser(caller, userName, { ...lifecycleOptions, force: true });

    const exists = await caller.send('GetUser', { UserName: userName }, send).then(
      () => true,
      (error: unknown) => {
        if (hasErrorCode(error, 'NoSuchEntity')) return false;
        throw error;
      },
    );
    if (!exists) await journal?.append({ key, line, state: 'creating' });

    const result = await createUser(caller, spec, lifecycleOptions);
    const event: BulkItemEvent = {
      line,
      userName,
      status: result.status === 'exists' ? 'exists' : 'created',
      steps: result.steps,
    };
    if (recovered) event.recovered = true;
    if (result.password !== undefined) event.password = result.password;
    if (result.accessKey !== undefined) event.accessKey = result.accessKey;
    // The secrets go out before the row is marked done: a kill in between makes the next
    // run replace this user (and its secrets) rather than leave a user nobody has keys to.
    record(event);
    await journal?.append({ key, line, state: 'done', outcome: result.status });
  } catch (error) {
    // A rollback that did not finish leaves the journal at `creating`, so that the next
    // run clears the remains before trying again.
    const leftovers = error instanceof LifecycleError && error.rollbackFailures.length > 0;
    if (!leftovers && !options.dryRun) {
      await journal?.append({ key, line, state: 'failed', reason: codeOf(error) });
    }
    record(failure(line, userName, error));
  }
}

async function deleteOne(
  caller: IamCaller,
  line: number,
  spec: UserSpec,
  options: BulkOptions,
  record: (event: BulkItemEvent) => void,
): Promise<void> {
  const userName = spec.userName;
  const key = `delete:${userName.toLowerCase()}`;
  if (options.journal?.latest(key)?.state === 'done') {
    return record({ line, userName, status: 'already-done' });
  }
  try {
    const result = await deleteUser(caller, userName, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.loginProfileDeadlineMs === undefined
        ? {}
        : { loginProfileDeadlineMs: options.loginProfileDeadlineMs }),
      force: options.force === true,
      dryRun: options.dryRun === true,
    });
    if (!options.dryRun) {
      await options.journal?.append({ key, line, state: 'done', outcome: result.status });
    }
    const { status, removed, needsForce } = result;
    record({ line, userName, status, removed, ...(status === 'planned' ? { needsForce } : {}) });
  } catch (error) {
    if (!options.dryRun) {
      await options.journal?.append({ key, line, state: 'failed', reason: codeOf(error) });
    }
    record(failure(line, userName, error));
  }
}

function failure(line: number, userName: string, error: unknown): BulkItemEvent {
  return {
    line,
    userName,
    status: 'failed',
    code: codeOf(error),
    message: (error as Error).message,
  };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'InternalError';
}
