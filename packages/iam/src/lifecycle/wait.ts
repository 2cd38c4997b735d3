// Waiting in the lifecycle operations: the client's own sleep and full-jitter backoff
// (retry/backoff.ts), with a deadline instead of an attempt count.
import { backoffDelay as clientBackoffDelay, sleep } from '../retry/backoff.js';

export { sleep };

/**
 * The delay before try `attempt` (0-based): doubling from `baseMs`, capped at `maxMs`, with
 * full jitter so that many waiting callers do not retry in step.
 *
 * @example
 * backoffDelay(3, 100, 2_000); // a random value in [0, 800)
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return clientBackoffDelay(attempt + 1, {
    baseDelayMs: baseMs,
    maxDelayMs: maxMs,
    random: Math.random,
  });
}

/**
 * Calls `attempt` until it returns a value or throws an error `shouldRetry` rejects,
 * backing off between tries, and gives up with the last error once `deadlineMs` has
 * passed.
 *
 * @example
 * await retryUntil(() => client.send('DeleteLoginProfile', { UserName }), {
 *   deadlineMs: 30_000, shouldRetry: (e) => hasErrorCode(e, 'EntityTemporarilyUnmodifiable'),
 * });
 */
export async function retryUntil<T>(
  attempt: () => Promise<T>,
  options: {
    deadlineMs: number;
    shouldRetry: (error: unknown) => boolean;
    baseMs?: number;
    maxMs?: number;
    signal?: AbortSignal;
  },
): Promise<T> {
  const deadline = Date.now() + options.deadlineMs;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!options.shouldRetry(error)) throw error;
      const delay = Math.max(
        10,
        backoffDelay(tries, options.baseMs ?? 100, options.maxMs ?? 2_000),
      );
      if (Date.now() + delay > deadline) throw error;
      await sleep(delay, options.signal);
    }
  }
}
