import { IamBridgeError } from '../iam-bridge-error.js';
import { IamError, LifecycleError } from './iam-api.js';

/**
 * A refusal or failure the gateway answers with: a stable `code` (AWS's where there is
 * one), the HTTP status, and optional details (blockers, differences, the field at fault).
 *
 * @example
 * throw new GatewayError('Unauthorized', 401, 'Send an API key in Authorization: Bearer <key>.');
 */
export class GatewayError extends IamBridgeError {
  override readonly name = 'GatewayError';
  readonly status: number;
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    code: string,
    status: number,
    message: string,
    extra: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(code, message);
    this.status = status;
    if (extra.details) this.details = extra.details;
    if (extra.headers) this.headers = extra.headers;
  }
}

// AWS's codes that say what the caller asked for cannot be done, and the status that says so.
const STATUS_BY_CODE: Record<string, number> = {
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  LimitExceeded: 409,
  ConcurrentModification: 409,
  EntityTemporarilyUnmodifiable: 409,
  UnmodifiableEntity: 409,
  RotateRefused: 409,
  ValidationError: 400,
  InvalidInput: 400,
  InvalidUserSpec: 400,
  MalformedPolicyDocument: 400,
  PasswordPolicyViolation: 400,
  InvalidParameterValue: 400,
  InvalidParameterCombination: 400,
  InvalidParameterType: 400,
  UnknownParameter: 400,
  MissingParameter: 400,
  UnknownOperation: 400,
  InvalidAction: 400,
  Throttling: 429,
  AccessDenied: 403,
  // The target (the embedded emulator, a partial IAM) does not have the action: a lasting
  // answer that a client must not retry, as a 502 would invite it to.
  NotImplemented: 501,
  // The gateway's own credentials were refused upstream: not the caller's fault.
  InvalidClientTokenId: 502,
  SignatureDoesNotMatch: 502,
  ExpiredToken: 502,
  CredentialsNotFound: 502,
  ServiceFailure: 502,
  // The target answered with something that is not an AWS answer (a wrong URL, a proxy).
  UnexpectedResponse: 502,
  MalformedResponse: 502,
  NetworkError: 502,
  TimeoutError: 504,
};

/**
 * The HTTP status for an error: the gateway's own, AWS's code mapped (`NoSuchEntity` 404,
 * `DeleteConflict` 409, `Throttling` 429 after the client's retries, ...), or 500.
 *
 * @example statusOf(new IamError({ code: 'NoSuchEntity', message: 'no' })) // 404
 */
export function statusOf(error: unknown): number {
  if (error instanceof GatewayError) return error.status;
  if (
    error instanceof LifecycleError &&
    (error.code === 'CreateFailed' || error.code === 'DeleteFailed')
  ) {
    // The failed step's own error says whose fault it was.
    return error.cause === undefined ? 502 : statusOf(error.cause);
  }
  if (error instanceof IamError) {
    const mapped = STATUS_BY_CODE[error.code];
    if (mapped !== undefined) return mapped;
    if (error.status !== undefined && error.status >= 400 && error.status < 500) return 400;
    return 502;
  }
  return 500;
}

/**
 * The JSON error body: `{ error: { code, message, requestId, ...details } }`.
 *
 * @example errorBody(new GatewayError('NotFound', 404, 'no route'), 'r1')
 */
export function errorBody(error: unknown, requestId: string): { error: Record<string, unknown> } {
  if (error instanceof GatewayError) {
    return { error: { code: error.code, message: error.message, requestId, ...error.details } };
  }
  if (error instanceof IamError) {
    const body: Record<string, unknown> = { code: error.code, message: error.message, requestId };
    if (error.requestId) body.iamRequestId = error.requestId;
    if (error instanceof LifecycleError) {
      if (error.blockers.length > 0) body.blockers = error.blockers;
      if (error.differences.length > 0) body.differences = error.differences;
      if (error.removed.length > 0) body.removed = error.removed;
      if (error.rolledBack.length > 0) body.rolledBack = error.rolledBack;
      if (error.step) body.step = error.step;
    }
    return { error: body };
  }
  return {
    error: { code: 'InternalError', message: 'The gateway failed unexpectedly.', requestId },
  };
}

/**
 * The code, status and IAM request id of an error, for an audit entry.
 *
 * @example errorSummaryCode(new IamError({ code: 'NoSuchEntity', message: 'no' })).status // 404
 */
export function errorSummaryCode(error: unknown): {
  code: string;
  status: number;
  requestId?: string;
} {
  const status = statusOf(error);
  if (error instanceof GatewayError) return { code: error.code, status };
  if (error instanceof IamError) {
    return { code: error.code, status, ...(error.requestId ? { requestId: error.requestId } : {}) };
  }
  return { code: 'InternalError', status };
}
