import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from './cli-error.js';
import { reportError } from './report-error.js';

/**
 * The top-level command with the CLI's global behaviour set before any subcommand is added, so
 * every subcommand made with `program.command(...)` inherits it: commander never exits the
 * process itself and never prints its own error text (the runner prints one line instead).
 *
 * @example
 * const program = createBaseProgram();
 * registerSign(program);
 * process.exitCode = await runProgram(program, process.argv);
 */
export function createBaseProgram(): Command {
  return new Command('iam-bridge')
    .description('Sign and presign AWS requests, verify signatures, and talk to IAM')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
}

/**
 * Parses `argv`, runs the chosen command and returns the exit code; errors become one line on
 * stderr (see `reportError`).
 *
 * @example process.exitCode = await runProgram(program, process.argv);
 */
export async function runProgram(
  program: Command,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; help shown for a missing command
      // has already been printed, so it only needs its usage exit code.
      if (error.exitCode === 0) return 0;
      if (error.code === 'commander.help' || error.code === 'commander.helpDisplayed') {
        return EXIT_USAGE;
      }
    }
    return reportError(error, env, (text) => process.stderr.write(text));
  }
}

function packageVersion(): string {
  // src/cli and dist/cli both sit two levels below the package root.
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
