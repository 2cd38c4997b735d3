import { IamError } from '../errors.js';

/** System and undici error codes for a connection that broke mid-request: worth a retry. */
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Turns a fetch failure into an `IamError` with code `NetworkError`, naming the system
 * error code and the endpoint's origin (never its query, which may be a presigned URL).
 * Resets and socket timeouts are retryable; a refused connection or an unknown host is not,
 * as those are most often a wrong endpoint.
 *
 * @example
 * networkError(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), request);
 * // IamError { code: 'NetworkError', retryable: true }
 */
export function networkError(error: unknown, request: { url: string }): IamError {
  const systemCode = findSystemCode(error);
  const origin = safeOrigin(request.url);
  const detail = systemCode ?? (error instanceof Error ? error.message : String(error));
  return new IamError({
    code: 'NetworkError',
    message: `request to ${origin} failed: ${detail}`,
    retryable: systemCode !== undefined && RESET_CODES.has(systemCode),
    cause: error,
  });
}

function findSystemCode(error: unknown): string | undefined {
  // undici wraps the socket error one or two levels down in `cause`.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the endpoint';
  }
}
