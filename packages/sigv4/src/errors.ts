/** Stable codes for every way a signing or verification input can be refused. */
export type SigV4ErrorCode =
  | 'InvalidUrl'
  | 'InvalidDate'
  | 'InvalidExpires'
  | 'MissingCredentials'
  | 'InvalidHeaderName'
  | 'InvalidHeaderValue'
  | 'InvalidMethod'
  | 'InvalidBody'
  | 'MissingRegion'
  | 'MissingService'
  | 'InvalidOption';

/**
 * The one error class of `@iam-bridge/sigv4`: bad input is refused with a stable `code` and a
 * message that names the problem.
 *
 * @example
 * try { signRequest({ url: 'not a url' }, options) } catch (e) {
 *   if (e instanceof SigV4Error && e.code === 'InvalidUrl') console.error(e.message);
 * }
 */
export class SigV4Error extends Error {
  readonly code: SigV4ErrorCode;

  constructor(code: SigV4ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SigV4Error';
    this.code = code;
  }
}
