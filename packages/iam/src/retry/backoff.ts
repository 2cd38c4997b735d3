import { IamError } from '../errors.js';

/**
 * How failed attempts are retried. `random` and `sleep` are injectable so tests can
 * assert the delays without waiting for them.
 *
 * @example
 * const retry: RetryOptions = { maxAttempts: 3, baseDelayMs: 50, sleep: async () => {} };
 */
export interface RetryOptions {
  /** Attempts in all, the first included; default 5. 1 turns retries off. */
  maxAttempts?: number;
  /** Default 100 ms. */
  baseDelayMs?: number;
  /** Default 20 s. */
  maxDelayMs?: number;
  /** A number in [0, 1); default `Math.random`. */
  random?: () => number;
  /** Waits `ms`, ending early with the signal's abort; default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Retry settings with every default applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * Fills in the defaults of `RetryOptions`, checking `maxAttempts`.
 *
 * @throws IamError `InvalidOption`
 * @example
 * resolveRetryOptions({}).maxAttempts; // 5
 */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new IamError({
      code: 'InvalidOption',
      message: `maxAttempts must be a whole number of at least 1, got ${String(maxAttempts)}`,
    });
  }
  return {
    maxAttempts,
    baseDelayMs: options.baseDelayMs ?? 100,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleep,
  };
}

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter", a uniform
 * draw between 0 and min(maxDelayMs, baseDelayMs * 2^(retry - 1)).
 *
 * @example
 * backoffDelay(3, { baseDelayMs: 100, maxDelayMs: 20_000, random: () => 0.5 }); // 200
 */
export function backoffDelay(
  retry: number,
  options: Pick<ResolvedRetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(options.random() * ceiling);
}

/**
 * Waits `ms` milliseconds; rejects with `AbortError` as soon as the signal aborts.
 *
 * @example
 * await sleep(100, controller.signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () =>
      new IamError({ code: 'AbortError', message: 'the request was aborted by the caller' });
    if (signal?.aborted) return reject(aborted());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
