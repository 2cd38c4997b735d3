import { readFileSync } from 'node:fs';

import type { AwsCredentials } from './iam-api.js';

/**
 * Everything `startGateway` needs. `target`: `aws` (the credential chain, AWS's endpoint),
 * `local` (the embedded emulator), or an endpoint URL; left out, the gateway uses
 * `AWS_ENDPOINT_URL_IAM`/`AWS_ENDPOINT_URL` when set, else the embedded emulator, and
 * never AWS.
 *
 * @example
 * const config = resolveConfig({ port: 0, database: ':memory:' });
 */
export interface GatewayConfig {
  port: number;
  host: string;
  target?: string;
  /** Credentials for an endpoint URL target; default the AWS credential chain. */
  targetCredentials?: AwsCredentials;
  /** A SQLite file, `:memory:`, or a `postgres://` URL. */
  database: string;
  /** The embedded emulator's SQLite file, or `memory`; default beside a SQLite database. */
  emulatorData?: string;
  /**
   * The embedded emulator's TCP port on 127.0.0.1; default 0 (any free port). Fix it when
   * presigned URLs, which name the emulator's address, must outlive a restart.
   */
  emulatorPort?: number;
  /** Largest request body, bytes; default 1 MiB. */
  bodyLimit: number;
  /** Per caller: tokens per second and bucket size. */
  callerRate: { perSecond: number; burst: number };
  /**
   * Toward IAM, shared by every route and bulk job of this process; default 10 per second
   * toward AWS (the lifecycle's `DEFAULT_IAM_RATE`), 1000 toward an emulator or endpoint.
   */
  iamRate?: { perSecond: number; burst: number };
  logLevel: string;
  /** How long a verified API key is trusted without a new argon2 check. */
  apiKeyCacheMs: number;
  /** How long SIGTERM waits for requests in flight. */
  shutdownTimeoutMs: number;
  /** An instance unseen for this long has died; its pending audit intents are reconciled. */
  instanceStaleMs: number;
  /** Attempts per IAM call (the first included). */
  iamMaxAttempts: number;
  /**
   * Enables SigV4 callers: each API key's SigV4 secret is derived from this (at least 32
   * characters, the same on every replica). Unset: only API keys are accepted.
   */
  sigv4Secret?: string;
}

const DEFAULTS: GatewayConfig = {
  port: 8080,
  host: '127.0.0.1',
  database: 'iam-bridge-gateway.sqlite',
  bodyLimit: 1024 * 1024,
  callerRate: { perSecond: 50, burst: 100 },
  logLevel: 'info',
  apiKeyCacheMs: 30_000,
  shutdownTimeoutMs: 10_000,
  instanceStaleMs: 15_000,
  iamMaxAttempts: 5,
};

// Environment variable -> config field, for the scalar settings.
const ENV_NAMES: Record<string, keyof GatewayConfig> = {
  IAM_BRIDGE_PORT: 'port',
  IAM_BRIDGE_HOST: 'host',
  IAM_BRIDGE_TARGET: 'target',
  IAM_BRIDGE_DATABASE: 'database',
  IAM_BRIDGE_EMULATOR_DATA: 'emulatorData',
  IAM_BRIDGE_EMULATOR_PORT: 'emulatorPort',
  IAM_BRIDGE_BODY_LIMIT: 'bodyLimit',
  IAM_BRIDGE_LOG_LEVEL: 'logLevel',
  IAM_BRIDGE_SHUTDOWN_TIMEOUT_MS: 'shutdownTimeoutMs',
  IAM_BRIDGE_SIGV4_SECRET: 'sigv4Secret',
};

const NUMERIC = new Set(['port', 'emulatorPort', 'bodyLimit', 'shutdownTimeoutMs']);

/**
 * Merges settings with flags first, then environment variables (`IAM_BRIDGE_PORT`,
 * `IAM_BRIDGE_TARGET`, `IAM_BRIDGE_DATABASE`, ...), then the JSON config file, then defaults.
 *
 * @throws TypeError naming the setting that is unusable.
 * @example
 * const config = resolveConfig({ port: 0 }, process.env, 'gateway.json');
 */
export function resolveConfig(
  flags: Partial<GatewayConfig> = {},
  env: NodeJS.ProcessEnv = {},
  configFile?: string,
): GatewayConfig {
  const fromFile = configFile ? readConfigFile(configFile) : {};
  const fromEnv: Record<string, unknown> = {};
  const envNames: Partial<Record<keyof GatewayConfig, string>> = {};
  for (const [name, field] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    // Text that is not a whole number stays text, so that the refusal quotes it as given.
    fromEnv[field] = NUMERIC.has(field) && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    envNames[field] = name;
  }
  const given = definedOnly(flags);
  const config = { ...DEFAULTS, ...fromFile, ...fromEnv, ...given } as GatewayConfig;
  try {
    checkConfig(config);
  } catch (error) {
    const field = (error as { field?: keyof GatewayConfig }).field;
    const source =
      field === undefined || Object.hasOwn(given, field)
        ? undefined
        : Object.hasOwn(fromEnv, field)
          ? envNames[field]
          : Object.hasOwn(fromFile, field)
            ? `config file ${configFile}`
            : undefined;
    if (source === undefined) throw error;
    throw new TypeError(`${(error as Error).message} (from ${source})`);
  }
  return config;
}

// A setting as given, for messages: text quoted, so that "abc" and "" read as what they are.
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function refuse(field: keyof GatewayConfig, message: string): TypeError {
  return Object.assign(new TypeError(message), { field });
}

function readConfigFile(path: string): Partial<GatewayConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TypeError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`config file ${path} must hold a JSON object`);
  }
  const optional = ['target', 'emulatorData', 'emulatorPort', 'iamRate', 'sigv4Secret'];
  const known = new Set(Object.keys(DEFAULTS).concat(optional));
  const unknown = Object.keys(parsed).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new TypeError(`config file ${path} has unknown settings: ${unknown.join(', ')}`);
  }
  return parsed as Partial<GatewayConfig>;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

function checkConfig(config: GatewayConfig): void {
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw refuse('port', `port must be a whole number from 0 to 65535, got ${shown(config.port)}`);
  }
  const emulatorPort = config.emulatorPort;
  if (
    emulatorPort !== undefined &&
    (!Number.isInteger(emulatorPort) || emulatorPort < 0 || emulatorPort > 65535)
  ) {
    throw refuse(
      'emulatorPort',
      `emulatorPort must be a whole number from 0 to 65535, got ${shown(emulatorPort)}`,
    );
  }
  if (!Number.isInteger(config.bodyLimit) || config.bodyLimit < 1024) {
    throw refuse(
      'bodyLimit',
      `bodyLimit must be at least 1024 bytes, got ${shown(config.bodyLimit)}`,
    );
  }
  if (!Number.isInteger(config.shutdownTimeoutMs) || config.shutdownTimeoutMs < 0) {
    throw refuse(
      'shutdownTimeoutMs',
      `shutdownTimeoutMs must be a whole number of ms, got ${shown(config.shutdownTimeoutMs)}`,
    );
  }
  if (typeof config.database !== 'string' || config.database === '') {
    throw refuse('database', 'database must name a SQLite file or a postgres:// URL');
  }
  if (config.sigv4Secret !== undefined && config.sigv4Secret.length < 32) {
    throw refuse('sigv4Secret', 'sigv4Secret must be at least 32 characters');
  }
  if (config.target !== undefined && !/^(aws|local|https?:\/\/.+)$/.test(config.target)) {
    throw refuse(
      'target',
      `target must be aws, local or an http(s) URL, got ${shown(config.target)}`,
    );
  }
}
