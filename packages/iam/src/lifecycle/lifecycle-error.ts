import { IamError } from '../errors.js';
import type { UserDependent } from './user-dependent.js';

/**
 * Stable codes of lifecycle failures. `EntityAlreadyExists` and `DeleteConflict` reuse
 * AWS's codes because callers already branch on them.
 *
 * @example
 * const code: LifecycleErrorCode = 'CreateFailed';
 */
export type LifecycleErrorCode =
  | 'CreateFailed'
  | 'EntityAlreadyExists'
  | 'DeleteConflict'
  | 'DeleteFailed'
  | 'RotateRefused'
  | 'RotateFailed'
  | 'InvalidUserSpec'
  | 'NoSuchEntity';

/**
 * What a `LifecycleError` carries besides its message.
 *
 * @example
 * const options: LifecycleErrorOptions = { code: 'DeleteConflict', message: 'blocked' };
 */
export interface LifecycleErrorOptions {
  code: LifecycleErrorCode;
  message: string;
  userName?: string;
  step?: string;
  rolledBack?: string[];
  rollbackFailures?: string[];
  removed?: UserDependent[];
  blockers?: UserDependent[];
  differences?: string[];
  cause?: unknown;
}

/**
 * A lifecycle operation that stopped part way or refused to start. An `IamError`, so one
 * `catch` handles both; the AWS error that caused it stays in `cause`, and its request id
 * and status are copied up. Messages never hold a password or secret key.
 *
 * @example
 * try {
 *   await deleteUser(client, 'ana');
 * } catch (error) {
 *   if (error instanceof LifecycleError && error.code === 'DeleteConflict') {
 *     console.log(error.blockers); // [{ kind: 'accessKey', id: 'AKIA...' }, ...]
 *   }
 * }
 */
export class LifecycleError extends IamError {
  override readonly name: string = 'LifecycleError';
  declare readonly code: LifecycleErrorCode;
  readonly userName?: string;
  readonly step?: string;
  readonly rolledBack: string[];
  readonly rollbackFailures: string[];
  readonly removed: UserDependent[];
  readonly blockers: UserDependent[];
  readonly differences: string[];

  constructor(options: LifecycleErrorOptions) {
    const cause = options.cause instanceof IamError ? options.cause : undefined;
    super({
      code: options.code,
      message: options.message,
      status: cause?.status ?? (options.code === 'InvalidUserSpec' ? 400 : 409),
      ...(cause?.requestId === undefined ? {} : { requestId: cause.requestId }),
      retryable: false,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    if (options.userName !== undefined) this.userName = options.userName;
    if (options.step !== undefined) this.step = options.step;
    this.rolledBack = options.rolledBack ?? [];
    this.rollbackFailures = options.rollbackFailures ?? [];
    this.removed = options.removed ?? [];
    this.blockers = options.blockers ?? [];
    this.differences = options.differences ?? [];
  }
}

/**
 * Whether an error is AWS's answer with the given code (`NoSuchEntity`, ...).
 *
 * @example
 * if (hasErrorCode(error, 'NoSuchEntity')) return 'absent';
 */
export function hasErrorCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof IamError && codes.includes(error.code);
}

/**
 * One line for an error in a message: `Code: message`.
 *
 * @example
 * errorSummary(new IamError({ code: 'NoSuchEntity', message: 'no bob' }));
 * // 'NoSuchEntity: no bob'
 */
export function errorSummary(error: unknown): string {
  if (error instanceof IamError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
