import type { Database } from 'better-sqlite3';

/**
 * What a write must survive once its promise resolves. `power-loss`: it is on disk (the
 * WAL is synced at commit, `synchronous = FULL`). `process-crash`: it is committed into
 * the WAL through the operating system (`synchronous = NORMAL`), so the process may be
 * killed (`kill -9`) without losing it; a power loss or kernel crash may still roll it
 * back until a later synced commit or a checkpoint syncs the WAL, which holds every
 * commit in order.
 *
 * @example
 * await write(() => insertAudit.run(...), 'power-loss');
 */
export type WriteDurability = 'power-loss' | 'process-crash';

/**
 * Group commit for SQLite: writes asked for in the same turn of the event loop run in one
 * transaction, so concurrent requests share one commit (and one fsync) instead of queueing
 * behind one each. Each promise settles after the commit. A batch is synced when any of
 * its writes asks for `power-loss` durability; the connection is left at
 * `synchronous = FULL` between batches, for the writes that do not go through here.
 *
 * @example
 * const write = writeBatcher(db);
 * await write(() => insertAudit.run(...), 'power-loss'); // on disk when this resolves
 * await write(() => updateAudit.run(...), 'process-crash'); // survives kill -9
 */
export function writeBatcher(
  db: Database,
): <T>(run: () => T, durability: WriteDurability) => Promise<T> {
  let queue: Array<{
    run: () => unknown;
    resolve: (value: any) => void;
    reject: (e: unknown) => void;
  }> = [];
  let synced = false;
  const syncAtCommit = db.prepare('PRAGMA synchronous = FULL');
  const noSyncAtCommit = db.prepare('PRAGMA synchronous = NORMAL');

  const runBatch = db.transaction((batch: typeof queue) => {
    const outcomes: Array<{ value?: unknown; error?: unknown; failed: boolean }> = [];
    for (const item of batch) {
      try {
        outcomes.push({ value: item.run(), failed: false });
      } catch (error) {
        // One statement's failure is its caller's; the others still commit.
        outcomes.push({ error, failed: true });
      }
    }
    return outcomes;
  });

  const flush = () => {
    const batch = queue;
    const sync = synced;
    queue = [];
    synced = false;
    let outcomes;
    try {
      // The setting is read at commit; it cannot change inside a transaction.
      if (!sync) noSyncAtCommit.run();
      try {
        outcomes = runBatch.immediate(batch);
      } finally {
        if (!sync) syncAtCommit.run();
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.failed) item.reject(outcome.error);
      else item.resolve(outcome.value);
    });
  };

  return <T>(run: () => T, durability: WriteDurability) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve, reject });
      if (durability === 'power-loss') synced = true;
      if (queue.length === 1) setImmediate(flush);
    });
}
