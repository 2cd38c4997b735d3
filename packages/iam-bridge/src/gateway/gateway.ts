import { randomUUID } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import { buildApp } from './app.js';
import { reconcileOrphanedAudit } from './audit.js';
import { ApiKeyVerifier } from './auth/api-keys.js';
import { resolveConfig, type GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { BulkWorker } from './jobs/bulk.js';
import { createLogger } from './logging.js';
import { GatewayMetrics } from './metrics.js';
import { CallerRateLimits } from './rate-limit.js';
import { databaseForDisplay, openGatewayStore } from './store/index.js';
import { connectTarget } from './target.js';

/**
 * A running gateway.
 *
 * @example
 * const gateway = await startGateway({ port: 0, database: ':memory:' });
 * await fetch(`${gateway.url}/healthz`);
 * await gateway.stop();
 */
export interface RunningGateway {
  url: string;
  port: number;
  app: FastifyInstance;
  context: GatewayContext;
  /**
   * Stops accepting connections, waits for requests in flight (at most
   * `shutdownTimeoutMs`), stops the bulk worker, then closes the IAM target and the store.
   */
  stop(): Promise<void>;
}

/**
 * Starts the gateway: opens the store, connects the IAM target (the embedded emulator
 * unless told otherwise), starts heartbeats, audit reconciliation and the bulk worker,
 * and listens. Settings not given take their defaults (see `resolveConfig`).
 *
 * @example
 * const gateway = await startGateway({ port: 8080, database: 'gateway.sqlite' });
 */
export async function startGateway(
  settings: Partial<GatewayConfig> = {},
  options: { logger?: Logger; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningGateway> {
  const config = resolveConfig(settings);
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new GatewayMetrics();
  const store = await openGatewayStore(config.database);
  const instanceId = randomUUID();
  const cleanups: Array<() => Promise<void>> = [() => store.close()];

  try {
    await store.heartbeat(instanceId, new Date().toISOString());
    const target = await connectTarget(config, {
      logger,
      metrics,
      ...(options.env ? { env: options.env } : {}),
    });
    cleanups.unshift(() => target.close());

    let worker: BulkWorker | undefined;
    const context: GatewayContext = {
      config,
      store,
      target,
      keys: new ApiKeyVerifier(store, { cacheMs: config.apiKeyCacheMs }),
      metrics,
      logger,
      callerLimits: new CallerRateLimits(config.callerRate),
      instanceId,
      wakeBulkWorker: () => worker?.wake(),
    };
    if ((await store.countActiveApiKeys()) === 0) {
      logger.warn(
        'no API keys yet: every /v1 route refuses until one exists; create one with ' +
          '`iam-bridge keys create --name admin --scopes admin --database ' +
          `${shellWord(databaseForDisplay(config.database))}\``,
      );
    }

    const app = await buildApp(context);
    await app.listen({ port: config.port, host: config.host });
    cleanups.unshift(() => app.close());
    worker = new BulkWorker(context, { pollMs: Math.min(1_000, config.instanceStaleMs / 4) });
    worker.start();
    const background = startHousekeeping(context);

    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    logger.info(
      {
        port,
        store: store.kind,
        database: databaseForDisplay(config.database),
        target: target.kind,
        endpoint: target.description,
        instanceId,
      },
      'gateway listening',
    );
    // A target that cannot answer (no credentials, nothing listening, a wrong secret) is
    // said at once, in the log, rather than at the first caller's 502.
    if (target.kind !== 'embedded-emulator') {
      target.sts
        .send('GetCallerIdentity', {}, { timeoutMs: 5_000, signal: AbortSignal.timeout(10_000) })
        .then(
          () => undefined,
          (error: unknown) =>
            logger.warn(
              {
                target: target.kind,
                endpoint: target.description,
                reason: (error as Error).message,
              },
              'GetCallerIdentity toward the IAM target failed: calls will fail until it works',
            ),
        );
    }

    let stopping: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      port,
      app,
      context,
      stop: () => {
        stopping ??= (async () => {
          await closeWithin(app, config.shutdownTimeoutMs, logger);
          background.stop();
          await worker?.stop();
          await target.close();
          await store.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    throw error;
  }
}

// A path as one shell word, quoted only when it needs to be, so the hint can be pasted.
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

// Heartbeats say this instance lives; reconciliation settles intents of dead instances.
function startHousekeeping(context: GatewayContext): { stop(): void } {
  const { store, instanceId, logger, config } = context;
  const beat = () =>
    store.heartbeat(instanceId, new Date().toISOString()).catch((error: unknown) => {
      logger.error({ err: error }, 'heartbeat failed');
    });
  const reconcile = () =>
    reconcileOrphanedAudit(store, context.target.caller, {
      staleMs: config.instanceStaleMs,
      logger,
    }).catch((error: unknown) => logger.error({ err: error }, 'audit reconciliation failed'));
  const heartbeatTimer = setInterval(beat, Math.max(100, config.instanceStaleMs / 4));
  const reconcileTimer = setInterval(reconcile, Math.max(200, config.instanceStaleMs / 2));
  heartbeatTimer.unref();
  reconcileTimer.unref();
  void reconcile();
  return {
    stop: () => {
      clearInterval(heartbeatTimer);
      clearInterval(reconcileTimer);
    },
  };
}

async function closeWithin(app: FastifyInstance, timeoutMs: number, logger: Logger) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  // A keep-alive connection goes idle once its last answer is sent; close it then, not at
  // the keep-alive timeout.
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 50);
  const outcome = await Promise.race([app.close().then(() => 'closed' as const), deadline]);
  clearInterval(sweeper);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    logger.warn({ timeoutMs }, 'requests still in flight at the shutdown deadline');
    app.server.closeAllConnections();
  }
}
