/**
 * A caller's token bucket: `perSecond` tokens flow in up to `burst`; each request takes
 * one or is refused at once (429), never queued. (Calls toward IAM queue instead, on the
 * lifecycle's `TokenBucket`.)
 *
 * @example
 * const bucket = new CallerBucket({ perSecond: 10, burst: 20 });
 * if (!bucket.tryTake()) reply.header('retry-after', bucket.secondsUntilToken());
 */
export class CallerBucket {
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #updatedAt: number;

  constructor(options: { perSecond: number; burst: number }, now = Date.now()) {
    this.#perSecond = options.perSecond;
    this.#burst = options.burst;
    this.#tokens = options.burst;
    this.#updatedAt = now;
  }

  /** Takes a token if one is there. */
  tryTake(now = Date.now()): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Whole seconds until the next token, at least 1: a `Retry-After` value. */
  secondsUntilToken(now = Date.now()): number {
    return Math.max(1, Math.ceil(this.msUntilToken(now) / 1000));
  }

  msUntilToken(now = Date.now()): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / this.#perSecond) * 1000;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#perSecond);
    this.#updatedAt = now;
  }
}

/**
 * One token bucket per caller, made on first use. Per process: with several replicas each
 * grants its own rate.
 *
 * @example
 * const limits = new CallerRateLimits({ perSecond: 50, burst: 100 });
 * limits.bucketFor('key:abc').tryTake();
 */
export class CallerRateLimits {
  readonly #options: { perSecond: number; burst: number };
  readonly #buckets = new Map<string, CallerBucket>();

  constructor(options: { perSecond: number; burst: number }) {
    this.#options = options;
  }

  bucketFor(callerId: string): CallerBucket {
    let bucket = this.#buckets.get(callerId);
    if (!bucket) {
      bucket = new CallerBucket(this.#options);
      this.#buckets.set(callerId, bucket);
    }
    return bucket;
  }
}
