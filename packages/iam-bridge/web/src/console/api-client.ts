// The gateway's /v1 API as the console calls it: JSON in and out, the API key in the
// Authorization header, refusals turned into ApiError with the gateway's code and message.

/**
 * A refusal or failure answered by the gateway (`{ error: { code, message, requestId } }`),
 * or a network failure (`code` `NetworkError`, status 0).
 *
 * @example
 * try { await api.get('/v1/users') } catch (e) { if (e instanceof ApiError) show(e.code) }
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** Everything else the error body held: blockers, removed, field, ... */
  readonly details: Record<string, unknown>;

  constructor(
    code: string,
    status: number,
    message: string,
    requestId?: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.details = details;
  }
}

/**
 * The ApiError for an answer that is not a success, read from the gateway's error body when
 * there is one.
 *
 * @example apiErrorOf(403, { error: { code: 'Forbidden', message: 'no', requestId: 'r1' } })
 */
export function apiErrorOf(status: number, body: unknown, requestId?: string): ApiError {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const { code, message, requestId: id, ...details } = error;
    return new ApiError(
      code,
      status,
      typeof message === 'string' ? message : code,
      typeof id === 'string' ? id : requestId,
      details,
    );
  }
  return new ApiError('HttpError', status, `The gateway answered HTTP ${status}.`, requestId);
}

/** What one call may carry. */
export interface CallOptions {
  body?: unknown;
  /** Sent as `Idempotency-Key`, so a double submit does not act twice. */
  idempotencyKey?: string;
}

/**
 * A client of the gateway's API on this page's origin, with one API key.
 *
 * @example
 * const api = new GatewayApi(key);
 * const { users } = await api.call<{ users: UserView[] }>('GET', '/v1/users?limit=20');
 */
export class GatewayApi {
  readonly #key: string;

  constructor(key: string) {
    this.#key = key;
  }

  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#key}`,
      accept: 'application/json',
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;

    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        // The key travels in a header only; no cookie is sent or kept.
        credentials: 'omit',
        cache: 'no-store',
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      throw new ApiError('NetworkError', 0, `The gateway cannot be reached: ${String(error)}`);
    }

    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    if (!response.ok) throw apiErrorOf(response.status, parsed, requestId);
    return parsed as T;
  }
}

/**
 * A path segment for a user name: IAM names are safe already, but typed text may not be.
 *
 * @example userPath('ana') // '/v1/users/ana'
 */
export function userPath(userName: string, rest = ''): string {
  return `/v1/users/${encodeURIComponent(userName)}${rest}`;
}

/**
 * A fresh random `Idempotency-Key`. `crypto.randomUUID` exists only in secure contexts, and a
 * gateway may be served over plain HTTP on a private address, so random bytes are used.
 *
 * @example api.call('POST', '/v1/users', { body, idempotencyKey: newIdempotencyKey() })
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
