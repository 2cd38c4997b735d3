import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import type { Command } from 'commander';
import pino from 'pino';

import {
  readSwitchSettings,
  startEmulator,
  switchesFromEnv,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../emulator/index.js';
import { usageError } from '../cli-error.js';
import { parseCredentialArgument } from './verify.js';

interface LocalFlags {
  port: string;
  host: string;
  data: string;
  memory?: boolean;
  rootCredentials?: string;
  accountId?: string;
  throttleRate?: string;
  failureRate?: string;
  keyDelayMs?: string;
  logLevel: string;
}

/** Where `iam-bridge local` keeps its state unless told otherwise. */
export const DEFAULT_DATA_FILE = './iam-bridge-emulator.db';

/** The port `iam-bridge local` listens on unless told otherwise. */
export const DEFAULT_PORT = 8577;

/**
 * Registers `iam-bridge local`: runs the IAM emulator in the foreground until SIGINT or
 * SIGTERM, printing its endpoint, the root credentials it accepts and an example command.
 *
 * @example
 * registerLocal(program);
 * // iam-bridge local --port 8577 --data ./iam.db --throttle-rate 0.1
 */
export function registerLocal(program: Command): void {
  program
    .command('local')
    .description('run the local IAM emulator (state in SQLite) until interrupted')
    .option('--port <port>', 'TCP port (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--data <file>', 'SQLite file holding the state', DEFAULT_DATA_FILE)
    .option('--memory', 'keep the state in memory only; it is gone when the emulator stops')
    .option('--root-credentials <akid:secret>', 'the root access key pair to accept')
    .option('--account-id <id>', 'the 12-digit account id to answer for')
    .option('--throttle-rate <rate>', 'share of calls answered with Throttling (0..1)')
    .option('--failure-rate <rate>', 'share of calls answered with ServiceFailure (0..1)')
    .option('--key-delay-ms <ms>', 'how long a new access key stays unusable')
    .option('--log-level <level>', 'request log level on stderr (info, error, silent)', 'info')
    .action(async (flags: LocalFlags, command: Command) => {
      const options = emulatorOptions(flags, command);
      if (options.dataFile !== undefined) checkDataFile(options.dataFile);
      const emulator = await startEmulator(options).catch((error: unknown) => {
        throw dataFileError(options.dataFile, error) ?? error;
      });
      process.stdout.write(banner(emulator, options));
      const signal = await untilSignal();
      await emulator.stop();
      process.stdout.write(`iam-bridge emulator stopped (${signal})\n`);
    });
}

function emulatorOptions(flags: LocalFlags, command: Command): EmulatorOptions {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError('InvalidPort', `--port must be a port number, not ${flags.port}`);
  }
  if (flags.accountId !== undefined && !/^\d{12}$/.test(flags.accountId)) {
    throw usageError('InvalidAccountId', '--account-id must be 12 digits');
  }
  if (flags.memory && command.getOptionValueSource('data') === 'cli') {
    throw usageError('ConflictingOptions', 'give either --data or --memory, not both');
  }

  const fromEnv = switchesFromEnv(process.env);
  if (typeof fromEnv === 'string') throw usageError('InvalidSwitch', fromEnv);
  const fromFlags = readSwitchSettings({
    throttlingRate: flags.throttleRate,
    serviceFailureRate: flags.failureRate,
    newAccessKeyDelayMs: flags.keyDelayMs,
  });
  if (typeof fromFlags === 'string') throw usageError('InvalidSwitch', `--${fromFlags}`);

  return {
    port,
    host: flags.host,
    ...(flags.memory ? { memory: true } : { dataFile: resolve(flags.data) }),
    ...(flags.rootCredentials === undefined
      ? {}
      : { rootCredentials: parseCredentialArgument(flags.rootCredentials) }),
    ...(flags.accountId === undefined ? {} : { accountId: flags.accountId }),
    switches: { ...fromEnv, ...fromFlags },
    logger: pino({ level: flags.logLevel }, pino.destination(2)),
  };
}

// A data file that cannot be opened is the caller's to fix, so it is named with the reason
// before SQLite would report a bare "unable to open database file".
function checkDataFile(dataFile: string): void {
  const directory = dirname(dataFile);
  const problem = (reason: string) =>
    usageError('InvalidDataFile', `--data ${dataFile}: ${reason}`);
  const directoryStat = statSync(directory, { throwIfNoEntry: false });
  if (!directoryStat) throw problem(`the directory ${directory} does not exist`);
  if (!directoryStat.isDirectory()) throw problem(`${directory} is not a directory`);

  const fileStat = statSync(dataFile, { throwIfNoEntry: false });
  if (fileStat?.isDirectory()) throw problem('it is a directory, not a file');
  try {
    if (fileStat) accessSync(dataFile, constants.R_OK | constants.W_OK);
    else accessSync(directory, constants.W_OK);
  } catch {
    throw problem(
      fileStat ? 'the file is not readable and writable' : `cannot create files in ${directory}`,
    );
  }
}

function dataFileError(dataFile: string | undefined, error: unknown): Error | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (dataFile === undefined || typeof code !== 'string' || !code.startsWith('SQLITE_')) {
    return undefined;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return usageError(
    'InvalidDataFile',
    `--data ${dataFile}: cannot use it as the emulator's SQLite database (${reason})`,
    error,
  );
}

function banner(emulator: RunningEmulator, options: EmulatorOptions): string {
  const { accessKeyId, secretAccessKey } = emulator.rootCredentials;
  const switches = Object.entries(options.switches ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return [
    `iam-bridge emulator listening on ${emulator.url}`,
    `  state:            ${options.dataFile ?? 'in memory'}`,
    `  account:          ${emulator.accountId}`,
    `  root credentials: AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey}`,
    ...(switches ? [`  switches:         ${switches}`] : []),
    '  try:',
    `    AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY='${secretAccessKey}' \\`,
    `    AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url ${emulator.url} iam list-users`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveSignal(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
