// The gateway service's public surface.
export { startGateway, type RunningGateway } from './gateway.js';
export { resolveConfig, type GatewayConfig } from './config.js';
export { createApiKey, ApiKeyVerifier, SCOPES, type Caller } from './auth/api-keys.js';
export {
  databaseForDisplay,
  isPostgresUrl,
  openGatewayStore,
  sqliteLocationProblem,
} from './store/index.js';
export type { GatewayStore, Scope, AuditEntry, ApiKeyRecord } from './store/index.js';
export { stopOnSignals } from './shutdown.js';
export { sigv4Credentials, SIGV4_SCOPE } from './auth/sigv4-callers.js';
export { createLogger, REDACT_PATHS } from './logging.js';
