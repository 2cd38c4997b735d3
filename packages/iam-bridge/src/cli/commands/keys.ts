import type { Command } from 'commander';

import {
  createApiKey,
  openGatewayStore,
  resolveConfig,
  SCOPES,
  type GatewayStore,
  type Scope,
} from '../../gateway/index.js';
import { refusal, usageError } from '../cli-error.js';

interface DatabaseFlags {
  database?: string;
  config?: string;
  json?: boolean;
}

/**
 * Registers `iam-bridge keys create|list|revoke`: the gateway's API keys, in the same
 * database the gateway uses. A new key is printed once; only its argon2id hash is kept.
 *
 * @example
 * registerKeys(program);
 * // iam-bridge keys create --name ci --scopes read,write --database gateway.sqlite
 */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description("manage the gateway's API keys");
  const withDatabase = (command: Command) =>
    command
      .option('--database <db>', 'SQLite file or postgres:// URL (env IAM_BRIDGE_DATABASE)')
      .option('--config <file>', 'the gateway JSON config file naming the database')
      .option('--json', 'print JSON');

  withDatabase(keys.command('create'))
    .description('create a key; it is printed once and cannot be shown again')
    .requiredOption('--name <name>', 'who or what the key is for')
    .requiredOption('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`)
    .action(async (flags: DatabaseFlags & { name: string; scopes: string }) => {
      const scopes = flags.scopes.split(',').map((scope) => scope.trim()) as Scope[];
      const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
      if (unknown.length > 0 || scopes.length === 0) {
        throw usageError(
          'InvalidScopes',
          `--scopes takes ${SCOPES.join(', ')}; got ${flags.scopes}`,
        );
      }
      await withStore(flags, async (store) => {
        let created;
        try {
          created = await createApiKey(store, { name: flags.name, scopes });
        } catch (error) {
          throw usageError('InvalidKey', (error as Error).message, error);
        }
        const { record, key } = created;
        if (flags.json) {
          process.stdout.write(
            `${JSON.stringify({ id: record.id, name: record.name, scopes: record.scopes, key })}\n`,
          );
        } else {
          process.stderr.write(
            `created API key ${record.id} (${record.name}, ${record.scopes.join(',')}); ` +
              'it is shown once, store it now:\n',
          );
          process.stdout.write(`${key}\n`);
        }
      });
    });

  withDatabase(keys.command('list'))
    .description('list keys (ids, names, scopes; never the keys)')
    .action(async (flags: DatabaseFlags) => {
      await withStore(flags, async (store) => {
        const records = (await store.listApiKeys()).map(({ hash: _hash, ...record }) => record);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(records)}\n`);
          return;
        }
        for (const record of records) {
          const state = record.revokedAt ? `revoked ${record.revokedAt}` : 'active';
          process.stdout.write(
            [record.id, record.name, record.scopes.join(','), record.createdAt, state].join('  ') +
              '\n',
          );
        }
      });
    });

  withDatabase(keys.command('revoke'))
    .description('revoke a key by id (replicas stop accepting it within 30 s)')
    .argument('<id>', 'the key id (the 12 hex digits after iamb_)')
    .action(async (id: string, flags: DatabaseFlags) => {
      await withStore(flags, async (store) => {
        if (!(await store.revokeApiKey(id, new Date().toISOString()))) {
          throw refusal('NoSuchKey', `no active API key ${id}`);
        }
        process.stdout.write(
          flags.json ? `${JSON.stringify({ id, revoked: true })}\n` : `revoked ${id}\n`,
        );
      });
    });
}

async function withStore(flags: DatabaseFlags, work: (store: GatewayStore) => Promise<void>) {
  let database: string;
  try {
    const given = flags.database === undefined ? {} : { database: flags.database };
    database = resolveConfig(
      given,
      process.env,
      flags.config ?? process.env.IAM_BRIDGE_CONFIG,
    ).database;
  } catch (error) {
    throw usageError('InvalidConfig', (error as Error).message, error);
  }
  const store = await openGatewayStore(database);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}
