import type { Command } from 'commander';

import {
  createLogger,
  resolveConfig,
  sqliteLocationProblem,
  startGateway,
  stopOnSignals,
} from '../../gateway/index.js';
import type { GatewayConfig } from '../../gateway/index.js';
import { usageError } from '../cli-error.js';

interface ServeFlags {
  port?: string;
  host?: string;
  target?: string;
  database?: string;
  emulatorPort?: string;
  config?: string;
  logLevel?: string;
}

/**
 * Registers `iam-bridge serve`: runs the gateway (REST API over IAM) until SIGTERM or
 * SIGINT. Settings come from flags, then `IAM_BRIDGE_*` variables, then the JSON config
 * file, then defaults. Without `--target` it uses the embedded IAM emulator, never AWS.
 *
 * @example
 * registerServe(program);
 * // iam-bridge serve --port 8080 --database postgres://gateway@db/iam --target aws
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the gateway: a REST API to manage IAM users, with API keys and audit')
    .option('--port <port>', 'TCP port (env IAM_BRIDGE_PORT; default 8080)')
    .option('--host <host>', 'interface to listen on (env IAM_BRIDGE_HOST; default 127.0.0.1)')
    .option('--target <target>', 'aws, local (embedded emulator) or an endpoint URL')
    .option('--database <db>', 'SQLite file or postgres:// URL (env IAM_BRIDGE_DATABASE)')
    .option(
      '--emulator-port <port>',
      "embedded emulator's port (env IAM_BRIDGE_EMULATOR_PORT; default any free one)",
    )
    .option('--config <file>', 'JSON file with settings (lowest precedence but defaults)')
    .option('--log-level <level>', 'pino level: debug, info, warn, error')
    .addHelpText(
      'after',
      [
        '',
        'API keys: the gateway never prints a key itself (logs are collected; keys must not',
        'be). Before the first call, create one against the same database:',
        '  iam-bridge keys create --name admin --scopes admin --database <db>',
        'Until a key exists every /v1 route answers 401; /healthz and /readyz need no key.',
        '',
        'Environment: IAM_BRIDGE_PORT, IAM_BRIDGE_HOST, IAM_BRIDGE_TARGET, IAM_BRIDGE_DATABASE,',
        'IAM_BRIDGE_EMULATOR_DATA, IAM_BRIDGE_EMULATOR_PORT, IAM_BRIDGE_BODY_LIMIT,',
        'IAM_BRIDGE_LOG_LEVEL, IAM_BRIDGE_SHUTDOWN_TIMEOUT_MS, IAM_BRIDGE_SIGV4_SECRET,',
        'IAM_BRIDGE_CONFIG.',
      ].join('\n'),
    )
    .action(async (flags: ServeFlags) => {
      const config = serveConfig(flags);
      const logger = createLogger(config.logLevel);
      const gateway = await startGateway(config, { logger }).catch((error: unknown) => {
        const { code, address, port } = error as { code?: string; address?: string; port?: number };
        if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
        throw usageError(
          'PortUnavailable',
          `cannot listen on ${address ?? config.host}:${port ?? '?'}: ` +
            (code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied') +
            ' (choose another with --port or --emulator-port)',
          error,
        );
      });
      stopOnSignals(() => gateway.stop(), logger);
    });
}

// A port flag read as a whole number; its range is checked with the rest of the settings.
function portFlag(flag: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) {
    throw usageError('InvalidPort', `${flag} must be a number, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function serveConfig(flags: ServeFlags): GatewayConfig {
  const given: Partial<GatewayConfig> = {};
  if (flags.port !== undefined) given.port = portFlag('--port', flags.port);
  if (flags.emulatorPort !== undefined) {
    given.emulatorPort = portFlag('--emulator-port', flags.emulatorPort);
  }
  if (flags.host !== undefined) given.host = flags.host;
  if (flags.target !== undefined) given.target = flags.target;
  if (flags.database !== undefined) given.database = flags.database;
  if (flags.logLevel !== undefined) given.logLevel = flags.logLevel;
  let config: GatewayConfig;
  try {
    config = resolveConfig(given, process.env, flags.config ?? process.env.IAM_BRIDGE_CONFIG);
  } catch (error) {
    throw usageError('InvalidConfig', (error as Error).message, error);
  }
  const problem = sqliteLocationProblem(config.database);
  if (problem !== undefined) {
    throw usageError('InvalidDatabase', `cannot use database ${config.database}: ${problem}`);
  }
  const emulatorData = config.emulatorData;
  const emulatorProblem =
    emulatorData === undefined || emulatorData === 'memory'
      ? undefined
      : sqliteLocationProblem(emulatorData);
  if (emulatorProblem !== undefined) {
    throw usageError(
      'InvalidEmulatorData',
      `cannot use emulator data file ${emulatorData}: ${emulatorProblem}`,
    );
  }
  return config;
}
