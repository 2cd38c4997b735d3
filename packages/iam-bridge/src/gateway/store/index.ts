import { isPostgresUrl } from './database-location.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { GatewayStore } from './store.js';

export type * from './store.js';
export { openPostgresStore } from './postgres.js';
export { openSqliteStore } from './sqlite.js';
export { databaseForDisplay, isPostgresUrl, sqliteLocationProblem } from './database-location.js';

/**
 * Opens the store a database setting names: `postgres://` or `postgresql://` URLs go to
 * PostgreSQL, anything else is a SQLite file (`:memory:` for a throwaway one).
 *
 * @example
 * const store = await openGatewayStore(process.env.IAM_BRIDGE_DATABASE ?? 'gateway.sqlite');
 */
export async function openGatewayStore(database: string): Promise<GatewayStore> {
  if (isPostgresUrl(database)) return openPostgresStore(database);
  return openSqliteStore(database);
}
