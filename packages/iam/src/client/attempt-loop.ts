import { IamError } from '../errors.js';
import type { AwsCredentials } from '../credentials/credentials.js';
import type { ResolvedRetryOptions } from '../retry/backoff.js';
import { backoffDelay } from '../retry/backoff.js';
import { clockOffsetFrom, isClockSkewError } from '../retry/clock-skew.js';
import type { HttpRequest, HttpResponse } from '../transport/http-transport.js';
import type { ClientLogger } from './client-options.js';

/**
 * What the attempt loop needs from its client: how to build and send one attempt, how to
 * read a success, and the clock offset it may correct.
 *
 * @example
 * const loop: AttemptLoop<Output> = { action: 'ListUsers', service: 'iam', ... };
 */
export interface AttemptLoop<Output> {
  action: string;
  service: string;
  retry: ResolvedRetryOptions;
  logger?: ClientLogger;
  signal?: AbortSignal;
  credentials: () => Promise<AwsCredentials>;
  build: (credentials: AwsCredentials, clockOffsetMs: number) => HttpRequest;
  transmit: (request: HttpRequest) => Promise<HttpResponse>;
  readSuccess: (response: HttpResponse) => { result: Output; requestId?: string };
  readFailure: (response: HttpResponse) => IamError;
  getClockOffset: () => number;
  setClockOffset: (offsetMs: number) => void;
}

/**
 * Sends a request until it succeeds, fails for good, or runs out of attempts: retryable
 * errors (throttling, 5xx, timeouts, resets) wait a full-jitter backoff first; a clock
 * skew error with a server `Date` far from ours sets the client's offset and is retried
 * once at once. The last error is thrown as it came; nothing fails into an empty result.
 *
 * @example
 * const { result, attempts } = await runAttempts(loop);
 */
export async function runAttempts<Output>(
  loop: AttemptLoop<Output>,
): Promise<{ result: Output; requestId?: string; status: number; attempts: number }> {
  let attempts = 0;
  let retries = 0;
  let skewCorrected = false;

  for (;;) {
    attempts += 1;
    const started = Date.now();
    let error: IamError;
    try {
      const credentials = await loop.credentials();
      const request = loop.build(credentials, loop.getClockOffset());
      const response = await loop.transmit(request);
      const log = { service: loop.service, action: loop.action, attempt: attempts };
      if (response.status >= 200 && response.status < 300) {
        const parsed = loop.readSuccess(response);
        const durationMs = Date.now() - started;
        loop.logger?.debug?.(
          { ...log, status: response.status, requestId: parsed.requestId, durationMs },
          'aws call',
        );
        return { ...parsed, status: response.status, attempts };
      }

      error = loop.readFailure(response);
      if (!skewCorrected && isClockSkewError(error)) {
        const offset = clockOffsetFrom(
          response.headers.get('date'),
          Date.now(),
          loop.getClockOffset(),
        );
        if (offset !== undefined) {
          skewCorrected = true;
          loop.setClockOffset(offset);
          loop.logger?.warn?.(
            { ...log, code: error.code, clockOffsetMs: offset },
            'clock skew corrected',
          );
          continue;
        }
      }
    } catch (thrown) {
      error = asIamError(thrown);
    }

    if (!error.retryable || retries + 1 >= loop.retry.maxAttempts || loop.signal?.aborted) {
      throw error;
    }
    retries += 1;
    const delayMs = backoffDelay(retries, loop.retry);
    loop.logger?.warn?.(
      {
        service: loop.service,
        action: loop.action,
        attempt: attempts,
        code: error.code,
        status: error.status,
        requestId: error.requestId,
        delayMs,
      },
      'retrying',
    );
    await loop.retry.sleep(delayMs, loop.signal);
  }
}

function asIamError(thrown: unknown): IamError {
  if (thrown instanceof IamError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new IamError({ code: 'ClientError', message, retryable: false, cause: thrown });
}
