import type { Database } from 'better-sqlite3';

/**
 * Group commit for SQLite: writes asked for in the same turn of the event loop run in one
 * transaction, so concurrent requests share one commit (and, on a connection with
 * `synchronous = FULL`, one fsync) instead of queueing behind one each. Each promise
 * settles after the commit; what that commit survives is the connection's setting.
 *
 * @example
 * const write = writeBatcher(db);
 * await write(() => insertAudit.run(...)); // committed when this resolves
 */
export function writeBatcher(db: Database): <T>(run: () => T) => Promise<T> {
  let queue: Array<{
    run: () => unknown;
    resolve: (value: any) => void;
    reject: (e: unknown) => void;
  }> = [];

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
    queue = [];
    let outcomes;
    try {
      // Immediate: the write lock is taken at BEGIN, so another process holding it is
      // waited for (busy_timeout) instead of failing the batch half way.
      outcomes = runBatch.immediate(batch);
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

  return <T>(run: () => T) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve, reject });
      if (queue.length === 1) setImmediate(flush);
    });
}
