import type { Logger } from 'pino';

import type { ApiKeyVerifier, Caller } from './auth/api-keys.js';
import type { GatewayConfig } from './config.js';
import type { GatewayMetrics } from './metrics.js';
import type { CallerRateLimits } from './rate-limit.js';
import type { GatewayStore, Scope } from './store/index.js';
import type { IamTarget } from './target.js';

/**
 * What every route and background task of one gateway process shares.
 *
 * @example
 * const context: GatewayContext = { config, store, target, keys, metrics, logger, ... };
 */
export interface GatewayContext {
  config: GatewayConfig;
  store: GatewayStore;
  target: IamTarget;
  keys: ApiKeyVerifier;
  metrics: GatewayMetrics;
  logger: Logger;
  callerLimits: CallerRateLimits;
  instanceId: string;
  /** Wakes the bulk worker after a job is submitted. */
  wakeBulkWorker(): void;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a caller needs; routes without one answer without authentication. */
    scope?: Scope;
  }
  interface FastifyRequest {
    caller?: Caller;
  }
}
