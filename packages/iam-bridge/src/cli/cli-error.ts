import { IamBridgeError } from '../iam-bridge-error.js';

/** Exit code when AWS, the emulator or the verifier refuses a request. */
export const EXIT_REFUSED = 1;

/** Exit code for bad usage or bad input: a flag, a file or a value the CLI cannot use. */
export const EXIT_USAGE = 2;

/**
 * The CLI's own error: a stable string `code` printed on stderr, and the process exit code it
 * maps to (`EXIT_USAGE` for bad input, `EXIT_REFUSED` for a refusal).
 *
 * @example
 * throw new CliError('MissingCredentials', 'no credentials found', EXIT_USAGE);
 */
export class CliError extends IamBridgeError {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(code: string, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(code, message, options);
    this.exitCode = exitCode;
  }
}

/**
 * Bad usage or bad input (exit 2).
 *
 * @example throw usageError('InvalidHeader', 'header "X" has no ":"');
 */
export function usageError(code: string, message: string, cause?: unknown): CliError {
  return new CliError(code, message, EXIT_USAGE, cause === undefined ? undefined : { cause });
}

/**
 * A refusal by AWS or by the verifier (exit 1), with AWS's error code.
 *
 * @example throw refusal('SignatureDoesNotMatch', 'The request signature we calculated ...');
 */
export function refusal(code: string, message: string): CliError {
  return new CliError(code, message, EXIT_REFUSED);
}
