import { IamBridgeError } from '../iam-bridge-error.js';

/**
 * The one error type every emulator handler throws: an AWS error code, its HTTP status and
 * whether the caller (`Sender`) or the service (`Receiver`) is at fault.
 *
 * @example
 * throw new EmulatorError('NoSuchEntity', 404, 'The user with name bob cannot be found.');
 */
export class EmulatorError extends IamBridgeError {
  override readonly name = 'EmulatorError';
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';

  constructor(code: string, status: number, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.status = status;
    this.type = status >= 500 ? 'Receiver' : 'Sender';
  }
}

/**
 * `NoSuchEntity` (404): the request names an entity that does not exist.
 *
 * @example
 * throw noSuchEntity('The user with name bob cannot be found.');
 */
export function noSuchEntity(message: string): EmulatorError {
  return new EmulatorError('NoSuchEntity', 404, message);
}

/**
 * `EntityAlreadyExists` (409): a name is taken, compared without regard to case.
 *
 * @example
 * throw entityAlreadyExists('User with name Alice already exists.');
 */
export function entityAlreadyExists(message: string): EmulatorError {
  return new EmulatorError('EntityAlreadyExists', 409, message);
}

/**
 * `DeleteConflict` (409): the entity still has dependents.
 *
 * @example
 * throw deleteConflict('Cannot delete entity, must delete access keys first.');
 */
export function deleteConflict(message: string): EmulatorError {
  return new EmulatorError('DeleteConflict', 409, message);
}

/**
 * `LimitExceeded` (409) with AWS's quota wording.
 *
 * @example
 * throw quotaExceeded('AccessKeysPerUser', 2); // "Cannot exceed quota for AccessKeysPerUser: 2"
 */
export function quotaExceeded(quotaName: string, limit: number): EmulatorError {
  return new EmulatorError('LimitExceeded', 409, `Cannot exceed quota for ${quotaName}: ${limit}`);
}

/**
 * `InvalidInput` (400): a value is well formed but not acceptable.
 *
 * @example
 * throw invalidInput('Invalid Marker.');
 */
export function invalidInput(message: string): EmulatorError {
  return new EmulatorError('InvalidInput', 400, message);
}

/**
 * `MalformedPolicyDocument` (400): a policy document fails IAM's grammar checks.
 *
 * @example
 * throw malformedPolicyDocument('This policy contains invalid Json');
 */
export function malformedPolicyDocument(message: string): EmulatorError {
  return new EmulatorError('MalformedPolicyDocument', 400, message);
}

/**
 * `ValidationError` (400) built from one or more constraint violations, in AWS's form
 * `1 validation error detected: Value 'x y' at 'userName' failed to satisfy constraint: ...`.
 *
 * @example
 * throw validationError(["Value 'x y' at 'userName' failed to satisfy constraint: ..."]);
 */
export function validationError(violations: readonly string[]): EmulatorError {
  const count = violations.length;
  const noun = count === 1 ? 'error' : 'errors';
  return new EmulatorError(
    'ValidationError',
    400,
    `${count} validation ${noun} detected: ${violations.join('; ')}`,
  );
}
