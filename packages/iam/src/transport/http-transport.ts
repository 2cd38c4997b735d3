import { IamError } from '../errors.js';
import { networkError } from './network-errors.js';
import { nodeHttpRequest } from './node-http.js';

/**
 * One HTTP request as the transport sends it: already signed, body as text.
 *
 * @example
 * const url = 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08';
 * const request: HttpRequest = { method: 'GET', url, headers: {} };
 */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * An HTTP response with its body read as text; header names lower-case.
 *
 * @example
 * const response: HttpResponse = { status: 200, headers: new Headers(), body: '<...>' };
 */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** A fetch function (node's global `fetch` or a test double) the transport can send with. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Options of one transport call.
 *
 * @example
 * const options: TransportOptions = { timeoutMs: 10_000, signal: controller.signal };
 */
export interface TransportOptions {
  /** Abort the attempt (connect, headers and body) after this many milliseconds. */
  timeoutMs?: number;
  /** The caller's signal: aborting it ends the attempt with `AbortError`, never retried. */
  signal?: AbortSignal;
  /** Send with this fetch instead of node:http/node:https. */
  fetch?: FetchFunction;
}

/**
 * Sends one request and reads the whole body as text: with node:http/node:https over
 * shared keep-alive agents, or with the `fetch` given (measured on 127.0.0.1, node 20:
 * 0.4 ms per sequential call with node:http against 4 ms with the global fetch).
 * Failures below HTTP become `IamError`s:
 * `TimeoutError` (retryable), `AbortError` (not), `NetworkError` (retryable for resets).
 *
 * @example
 * const response = await sendHttp(
 *   { method: 'POST', url, headers, body: 'Action=ListUsers&Version=2010-05-08' },
 *   { timeoutMs: 30_000 },
 * );
 */
export async function sendHttp(
  request: HttpRequest,
  options: TransportOptions = {},
): Promise<HttpResponse> {
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs;
  const timer =
    timeoutMs !== undefined && timeoutMs > 0
      ? setTimeout(() => controller.abort(timeoutReason(timeoutMs)), timeoutMs)
      : undefined;
  const onCallerAbort = () => controller.abort(abortReason(options.signal));
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    if (options.fetch === undefined) return await nodeHttpRequest(request, controller.signal);
    const response = await options.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: controller.signal,
      redirect: 'manual',
    });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    if (reason instanceof IamError) throw reason;
    throw networkError(error, request);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function timeoutReason(timeoutMs: number): IamError {
  return new IamError({
    code: 'TimeoutError',
    message: `no complete response within ${timeoutMs} ms`,
    retryable: true,
  });
}

function abortReason(signal: AbortSignal | undefined): IamError {
  return new IamError({
    code: 'AbortError',
    message: 'the request was aborted by the caller',
    retryable: false,
    ...(signal?.reason === undefined ? {} : { cause: signal.reason }),
  });
}
