import type { Database } from 'better-sqlite3';

/**
 * Group commit for SQLite: writes asked for in the same turn of the event loop run in one
 * transaction, so concurrent requests share one fsync instead of queueing behind one each.
 * Each promise settles after the commit, so a resolved write is on disk.
 *
 * @example
 * const write = writeBatcher(db);
 * await write(() => insertAudit.run(...)); // committed (and synced) when this resolves
 */
export function writeBatcher(db: Database): <T>(run: () => T) => Promise<T> {
  let queue: Array<{
    run: () => unknown;
    resolve: (value: any) => void;
    reject: (e: unknown) => void;
  }> = [];

  const flush = () => {
    const batch = queue;
    queue = [];
    const outcomes: Array<{ value?: unknown; error?: unknown; failed: boolean }> = [];
    try {
      db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ value: item.run(), failed: false });
          } catch (error) {
            // One statement's failure is its caller's; the others still commit.
            outcomes.push({ error, failed: true });
          }
        }
      })();
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
