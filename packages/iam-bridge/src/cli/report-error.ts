import { CommanderError } from 'commander';
import { SigV4Error } from '@iam-bridge/sigv4';
import { CliError, EXIT_REFUSED, EXIT_USAGE } from './cli-error.js';

// The flag that answers a signer error the library words in terms of its options.
const CLI_HINTS: Record<string, string> = {
  MissingService: '; name it with --service (iam, sts, execute-api, ...)',
  MissingRegion: '; name it with --region',
};

/** What an error becomes at the edge: one stderr line and an exit code. */
export interface ErrorReport {
  line: string;
  exitCode: number;
}

/**
 * Maps any thrown value to the one line the CLI prints (`iam-bridge: <Code>: <message>`) and
 * its exit code: 2 for bad usage or input (CLI usage errors, SigV4 input errors), 1 for
 * refusals (any other error carrying an AWS-style string `code`) and for unexpected failures.
 *
 * @example
 * describeError(new SigV4Error('InvalidDate', 'date "x" is not a date'))
 * // { line: 'iam-bridge: InvalidDate: date "x" is not a date', exitCode: 2 }
 */
export function describeError(error: unknown): ErrorReport {
  if (error instanceof CliError) return report(error.code, error.message, error.exitCode);
  if (error instanceof SigV4Error) {
    return report(error.code, error.message + (CLI_HINTS[error.code] ?? ''), EXIT_USAGE);
  }
  if (error instanceof CommanderError) {
    return report('UsageError', error.message.replace(/^error: /, ''), EXIT_USAGE);
  }

  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // Node's own errors (ENOENT, EPIPE...) are failures of this machine, not AWS refusals.
  if (typeof code === 'string' && /^[A-Z][A-Za-z0-9.]*$/.test(code)) {
    return report(code, message, EXIT_REFUSED);
  }
  return report('InternalError', message, EXIT_REFUSED);
}

/**
 * Writes an error to stderr as one line; with `IAM_BRIDGE_DEBUG=1` the stack follows it.
 *
 * @example process.exitCode = reportError(error, process.env, (t) => process.stderr.write(t));
 */
export function reportError(
  error: unknown,
  env: NodeJS.ProcessEnv,
  writeErr: (text: string) => void,
): number {
  const { line, exitCode } = describeError(error);
  writeErr(line + '\n');
  if (env.IAM_BRIDGE_DEBUG === '1' && error instanceof Error && error.stack) {
    writeErr(error.stack + '\n');
  }
  return exitCode;
}

function report(code: string, message: string, exitCode: number): ErrorReport {
  const oneLine = message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return { line: `iam-bridge: ${code}: ${oneLine}`, exitCode };
}
