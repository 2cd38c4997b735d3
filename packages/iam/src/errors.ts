/**
 * Who AWS blames for an error: the caller (`Sender`) or the service (`Receiver`).
 *
 * @example
 * const fault: ErrorFault = 'Sender';
 */
export type ErrorFault = 'Sender' | 'Receiver';

/**
 * What an `IamError` is built from. `retryable` and `type` are derived from `code` and
 * `status` when not given.
 *
 * @example
 * const options: IamErrorOptions = { code: 'NoSuchEntity', message: 'no user', status: 404 };
 */
export interface IamErrorOptions {
  code: string;
  message: string;
  status?: number;
  requestId?: string;
  type?: ErrorFault;
  retryable?: boolean;
  cause?: unknown;
}

/**
 * An error AWS answered with, as parsed from its XML error response.
 *
 * @example
 * const parsed: ParsedErrorResponse = {
 *   type: 'Sender', code: 'NoSuchEntity', message: 'The user with name bob cannot be found.',
 *   requestId: '8f0c1a2e-0000-4000-8000-000000000000',
 * };
 */
export interface ParsedErrorResponse {
  type?: string;
  code: string;
  message?: string;
  requestId?: string;
}

/**
 * AWS error codes that a retry with backoff may cure.
 *
 * @example
 * RETRYABLE_ERROR_CODES.has('Throttling'); // true
 */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceFailure',
  'ServiceUnavailable',
  'InternalFailure',
  'RequestTimeout',
]);

/**
 * Whether an error may go away on retry: a throttling or service-side code, or any 5xx but
 * 501 (the endpoint does not have the action, and will not have it a second later).
 *
 * @example
 * isRetryableError('Throttling', 400); // true
 * isRetryableError('NoSuchEntity', 404); // false
 * isRetryableError('NotImplemented', 501); // false
 */
export function isRetryableError(code: string, status?: number): boolean {
  if (RETRYABLE_ERROR_CODES.has(code)) return true;
  return status !== undefined && status >= 500 && status !== 501;
}

/**
 * The one error class of `@iam-bridge/iam`. `code` is AWS's error code where AWS gave one
 * (`NoSuchEntity`, `Throttling`, ...), else a stable code of this package
 * (`UnknownOperation`, `MissingParameter`, `InvalidParameterType`, `UnknownParameter`,
 * `UnexpectedResponse`, `MalformedResponse`).
 *
 * @example
 * try {
 *   await client.send('GetUser', { UserName: 'bob' });
 * } catch (error) {
 *   if (error instanceof IamError && error.code === 'NoSuchEntity') console.log('no bob');
 * }
 */
export class IamError extends Error {
  override readonly name: string = 'IamError';
  readonly code: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly type: ErrorFault;
  readonly retryable: boolean;

  constructor(options: IamErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    if (options.status !== undefined) this.status = options.status;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    const serverSide = options.status !== undefined && options.status >= 500;
    this.type = options.type ?? (serverSide ? 'Receiver' : 'Sender');
    this.retryable = options.retryable ?? isRetryableError(options.code, options.status);
  }

  /**
   * Builds the error for a parsed AWS error response and the HTTP status it came with.
   * Unknown codes are kept as they came.
   *
   * @example
   * const parsed = { code: 'Throttling', message: 'Rate exceeded' };
   * const error = IamError.fromErrorResponse(parsed, 400);
   * error.retryable; // true
   */
  static fromErrorResponse(parsed: ParsedErrorResponse, status?: number): IamError {
    const type = parsed.type === 'Receiver' || parsed.type === 'Sender' ? parsed.type : undefined;
    return new IamError({
      code: parsed.code,
      message: parsed.message ?? parsed.code,
      ...(status === undefined ? {} : { status }),
      ...(parsed.requestId === undefined ? {} : { requestId: parsed.requestId }),
      ...(type === undefined ? {} : { type }),
    });
  }
}
