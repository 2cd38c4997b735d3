import { after, describe } from 'node:test';

import {
  postgresUnavailable,
  startPostgres,
  type PostgresServer,
} from '../support/postgres-server.js';
import { defineRouteSuite } from './routes-suite.js';

const missing = postgresUnavailable();
if (missing && process.env.CI === 'true') throw new Error(`CI needs PostgreSQL: ${missing}`);

if (missing) {
  describe('gateway routes on PostgreSQL', { skip: missing }, () => {});
} else {
  let server: PostgresServer | undefined;
  after(() => server?.stop());
  defineRouteSuite('PostgreSQL', async () => {
    server = await startPostgres();
    return server.createDatabase('gateway_routes');
  });
}
