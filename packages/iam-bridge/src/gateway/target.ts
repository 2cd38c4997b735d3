import { dirname, join, basename } from 'node:path';

import type { Logger } from 'pino';

import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { GatewayConfig } from './config.js';
import { DEFAULT_IAM_RATE, TokenBucket } from '@iam-bridge/iam';

import {
  IamClient,
  IamError,
  StsClient,
  type IamCaller,
  type QueryClientOptions,
} from './iam-api.js';
import type { DetailedCaller } from './iam-request-ids.js';
import type { GatewayMetrics } from './metrics.js';
import { isPostgresUrl } from './store/index.js';

/**
 * Where the gateway's IAM calls go, and the clients that reach it. `caller` is the IAM
 * client behind the shared token bucket, counting calls and retries in the metrics; every
 * route and bulk job uses it.
 *
 * @example
 * const target = await connectTarget(config, { logger, metrics });
 * await target.caller.send('GetUser', { UserName: 'ana' });
 */
export interface IamTarget {
  kind: 'aws' | 'endpoint' | 'embedded-emulator';
  /** The endpoint URL, or `aws`. */
  description: string;
  client: IamClient;
  sts: StsClient;
  /** The IAM client behind the shared token bucket, counted in the metrics. */
  caller: DetailedCaller;
  /** The shared token bucket toward IAM. */
  bucket: TokenBucket;
  /** Options to build another client for the same endpoint (e.g. with a new key). */
  clientOptions: QueryClientOptions;
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

/**
 * Connects to the configured target; starts the embedded emulator when the config asks
 * for `local`, or names no target and no endpoint variable is set.
 *
 * @example
 * const target = await connectTarget(resolveConfig({ target: 'local' }), { logger, metrics });
 */
export async function connectTarget(
  config: GatewayConfig,
  context: { logger: Logger; metrics: GatewayMetrics; env?: NodeJS.ProcessEnv },
): Promise<IamTarget> {
  const env = context.env ?? process.env;
  const { logger, metrics } = context;
  const clientLogger = {
    warn: (fields: object, message?: string) => {
      const { action, code } = fields as { action?: string; code?: string };
      if (message === 'retrying') metrics.observeIamRetry(action ?? '', code ?? '');
      logger.warn(fields, message);
    },
  };
  const base: QueryClientOptions = {
    maxAttempts: config.iamMaxAttempts,
    logger: clientLogger,
    env,
  };

  let kind: IamTarget['kind'];
  let options: QueryClientOptions;
  let emulator: RunningEmulator | undefined;
  const endpointFromEnv = env.AWS_ENDPOINT_URL_IAM || env.AWS_ENDPOINT_URL;
  const embedded = config.target === 'local' || (config.target === undefined && !endpointFromEnv);
  if (config.emulatorPort !== undefined && !embedded) {
    logger.warn(
      { emulatorPort: config.emulatorPort },
      'emulatorPort is set but the target is not the embedded emulator: it is not used',
    );
  }
  if (config.target === 'aws') {
    kind = 'aws';
    options = base;
  } else if (config.target && config.target !== 'local') {
    kind = 'endpoint';
    options = withCredentials({ ...base, endpoint: config.target }, config);
  } else if (config.target === undefined && endpointFromEnv) {
    kind = 'endpoint';
    options = withCredentials({ ...base, endpoint: endpointFromEnv }, config);
  } else {
    kind = 'embedded-emulator';
    const dataFile = emulatorDataFile(config);
    const port = config.emulatorPort ?? 0;
    emulator = await startEmulator(
      dataFile === 'memory' ? { memory: true, port } : { dataFile, port },
    );
    options = { ...base, endpoint: emulator.url, credentials: emulator.rootCredentials };
    const ignored =
      env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE ? '; AWS credentials found are not used' : '';
    logger.warn(
      { emulator: emulator.url, dataFile },
      'no IAM target configured: using the embedded IAM emulator ' +
        `(pass --target aws for AWS)${ignored}`,
    );
  }

  const client = new IamClient(options);
  const sts = new StsClient(options);
  // AWS throttles per account, so toward AWS the lifecycle's cautious default applies; an
  // emulator or test endpoint is only bounded by what it can take.
  const rate = config.iamRate ?? {
    perSecond: kind === 'aws' ? DEFAULT_IAM_RATE : 1_000,
    burst: kind === 'aws' ? DEFAULT_IAM_RATE : 1_000,
  };
  const bucket = new TokenBucket(rate.perSecond, rate.burst);
  const sendDetailed = (async (action: string, input?: object, callOptions?: object) => {
    await bucket.take();
    try {
      const detailed = await (client.sendDetailed as any)(action, input ?? {}, callOptions);
      metrics.observeIamCall(action, 'success');
      return detailed;
    } catch (error) {
      metrics.observeIamCall(action, error instanceof IamError ? error.code : 'error');
      throw error;
    }
  }) as unknown as IamClient['sendDetailed'];
  const caller = {
    sendDetailed,
    send: (async (action: string, input: object, callOptions?: object) =>
      (await (sendDetailed as any)(action, input, callOptions)).result) as IamCaller['send'],
  };

  return {
    kind,
    description: kind === 'aws' ? 'aws' : (options.endpoint ?? ''),
    client,
    sts,
    caller,
    bucket,
    clientOptions: options,
    ...(emulator ? { emulator } : {}),
    close: async () => {
      await emulator?.stop();
    },
  };
}

function withCredentials(options: QueryClientOptions, config: GatewayConfig): QueryClientOptions {
  return config.targetCredentials ? { ...options, credentials: config.targetCredentials } : options;
}

function emulatorDataFile(config: GatewayConfig): string {
  if (config.emulatorData) return config.emulatorData;
  if (config.database === ':memory:') return 'memory';
  if (isPostgresUrl(config.database)) return 'iam-bridge-emulator.sqlite';
  const file = basename(config.database).replace(/\.(sqlite3?|db)$/i, '');
  return join(dirname(config.database), `${file}.emulator.sqlite`);
}
