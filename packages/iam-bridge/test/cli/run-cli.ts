// Runs the CLI from its TypeScript sources in a child process, with a clean environment.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What one CLI run printed and how it ended. */
export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  /** Variables added to the clean environment. */
  env?: Record<string, string>;
  /** Bytes written to the CLI's stdin. */
  input?: string | Uint8Array;
}

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const main = join(repoRoot, 'packages/iam-bridge/src/cli/main.ts');

/** A home directory with no ~/.aws, so no test reads the machine's own credentials. */
export const emptyHome = mkdtempSync(join(tmpdir(), 'iam-bridge-cli-home-'));

/** The example key pair from AWS's documentation. */
export const exampleKeys = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/**
 * Runs `iam-bridge <args>`; the environment holds only PATH, an empty HOME and `options.env`
 * (no AWS_* variable of the machine running the tests).
 */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: emptyHome,
    ...options.env,
  };
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    env,
  });

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}
