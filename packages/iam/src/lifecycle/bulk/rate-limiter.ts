import type { IamOperations } from '../../generated/iam-types.js';
import type { IamCaller, IamOperationName, SendOptions } from '../iam-caller.js';
import { sleep } from '../wait.js';

/**
 * The default rate toward IAM, in requests per second. AWS documents that IAM and STS
 * throttle each account with token buckets per API, refilled every second, whose sizes
 * it does not publish and that cannot be raised: "How to monitor and query IAM resources
 * at scale - Part 2" (AWS Security Blog,
 * https://aws.amazon.com/blogs/security/how-to-monitor-and-query-iam-resources-at-scale-part-2/)
 * and https://repost.aws/knowledge-center/iam-sts-throttling-error. With no published
 * figure, 10 per second is a deliberately low default that leaves room for the console
 * and other callers in the same account; `Throttling` answers are still retried.
 *
 * @example
 * const bucket = new TokenBucket(DEFAULT_IAM_RATE);
 */
export const DEFAULT_IAM_RATE = 10;

/**
 * A token bucket: `take()` resolves when a token is free. Tokens refill at `rate` per
 * second up to `burst`; waiters are served in arrival order.
 *
 * @example
 * const bucket = new TokenBucket(10);
 * await bucket.take(); // at most 10 per second from here on, after a burst of 10
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly rate: number,
    readonly burst: number = Math.max(1, Math.min(rate, 20)),
  ) {
    if (!(rate > 0)) throw new RangeError(`rate must be above 0, got ${rate}`);
    this.tokens = burst;
  }

  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000), signal);
    }
  }
}

/**
 * Wraps a caller so every request first takes a token from the bucket. Retries inside the
 * wrapped client are not re-metered; its backoff already slows them.
 *
 * @example
 * const limited = rateLimited(client, new TokenBucket(10));
 * await createUser(limited, spec);
 */
export function rateLimited(caller: IamCaller, bucket: TokenBucket): IamCaller {
  return {
    async send<Name extends IamOperationName>(
      operation: Name,
      input: IamOperations[Name]['input'],
      options?: SendOptions,
    ): Promise<IamOperations[Name]['output']> {
      await bucket.take(options?.signal);
      return caller.send(operation, input, options);
    },
  };
}
