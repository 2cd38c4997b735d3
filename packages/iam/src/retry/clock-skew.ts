import type { IamError } from '../errors.js';

/** Error codes AWS answers when the request's signing time is outside its window. */
const SKEW_CODES = new Set([
  'RequestTimeTooSkewed',
  'RequestExpired',
  'RequestInTheFuture',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AuthFailure',
]);

/** Codes that mean skew only when the message says the signature's time was wrong. */
const SKEW_ONLY_WITH_MESSAGE = new Set([
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AuthFailure',
]);

/** Below this, a difference to the server's `Date` is not taken as the cause. */
export const MIN_SKEW_MS = 60_000;

/**
 * Whether an AWS error says the request was signed at a time the server refuses.
 *
 * @example
 * isClockSkewError({ code: 'RequestTimeTooSkewed', message: '...' }); // true
 * isClockSkewError({ code: 'SignatureDoesNotMatch', message: 'Signature expired: ...' }); // true
 */
export function isClockSkewError(error: Pick<IamError, 'code' | 'message'>): boolean {
  if (!SKEW_CODES.has(error.code)) return false;
  if (!SKEW_ONLY_WITH_MESSAGE.has(error.code)) return true;
  return /signature (expired|not yet current)|time.*skew/i.test(error.message);
}

/**
 * The offset to add to the local clock so it reads as the server's (server `Date` minus
 * local now), or undefined when the header is missing, unreadable, or within
 * `MIN_SKEW_MS` of the offset already applied (the skew is then not ours to fix).
 *
 * @example
 * clockOffsetFrom('Sat, 18 Jul 2020 22:11:59 GMT', Date.parse('2020-07-18T21:11:59Z'), 0);
 * // 3600000
 */
export function clockOffsetFrom(
  dateHeader: string | null,
  localNow: number,
  currentOffsetMs: number,
): number | undefined {
  if (!dateHeader) return undefined;
  const serverTime = Date.parse(dateHeader);
  if (Number.isNaN(serverTime)) return undefined;
  const offset = serverTime - localNow;
  return Math.abs(offset - currentOffsetMs) < MIN_SKEW_MS ? undefined : offset;
}
