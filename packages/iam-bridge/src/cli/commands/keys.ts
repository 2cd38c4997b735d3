import type { Command } from 'commander';

import {
  createApiKey,
  openGatewayStore,
  resolveConfig,
  SCOPES,
  SIGV4_SCOPE,
  sigv4Credentials,
  sqliteLocationProblem,
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
    .option('--sigv4', 'also print SigV4 credentials (needs IAM_BRIDGE_SIGV4_SECRET)')
    .action(async (flags: DatabaseFlags & { name: string; scopes: string; sigv4?: boolean }) => {
      const scopes = flags.scopes.split(',').map((scope) => scope.trim()) as Scope[];
      const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
      if (unknown.length > 0 || scopes.length === 0) {
        throw usageError(
          'InvalidScopes',
          `--scopes takes ${SCOPES.join(', ')}; got ${flags.scopes}`,
        );
      }
      const sigv4Secret = flags.sigv4 ? configOf(flags).sigv4Secret : undefined;
      if (flags.sigv4 && !sigv4Secret) {
        throw usageError('NoSigv4Secret', '--sigv4 needs IAM_BRIDGE_SIGV4_SECRET or sigv4Secret');
      }
      await withStore(flags, async (store) => {
        let created;
        try {
          created = await createApiKey(store, { name: flags.name, scopes });
        } catch (error) {
          throw usageError('InvalidKey', (error as Error).message, error);
        }
        const { record, key } = created;
        const sigv4 = sigv4Secret ? sigv4Credentials(sigv4Secret, record.id) : undefined;
        if (flags.json) {
          const { id, name, scopes } = record;
          process.stdout.write(`${JSON.stringify({ id, name, scopes, key, sigv4 })}\n`);
        } else {
          process.stderr.write(
            `created API key ${record.id} (${record.name}, ${record.scopes.join(',')}); ` +
              'it is shown once, store it now:\n',
          );
          process.stdout.write(`${key}\n`);
          if (sigv4) {
            process.stdout.write(`${sigv4.accessKeyId}\n${sigv4.secretAccessKey}\n`);
            process.stderr.write(
              `sign for service ${SIGV4_SCOPE.service}, region ${SIGV4_SCOPE.region}\n`,
            );
          }
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

function configOf(flags: DatabaseFlags) {
  try {
    const given = flags.database === undefined ? {} : { database: flags.database };
    return resolveConfig(given, process.env, flags.config ?? process.env.IAM_BRIDGE_CONFIG);
  } catch (error) {
    throw usageError('InvalidConfig', (error as Error).message, error);
  }
}

async function withStore(flags: DatabaseFlags, work: (store: GatewayStore) => Promise<void>) {
  const { database } = configOf(flags);
  const problem = sqliteLocationProblem(database);
  if (problem !== undefined) {
    throw usageError('InvalidDatabase', `cannot use database ${database}: ${problem}`);
  }
  let store: GatewayStore;
  try {
    store = await openGatewayStore(database);
  } catch (error) {
    // SQLite refusing the file itself (not a database, read-only, ...) is about the path given.
    const code = String((error as { code?: unknown }).code);
    if (!/^SQLITE_(CANTOPEN|NOTADB|PERM|READONLY|CORRUPT)/.test(code)) throw error;
    const reason = (error as Error).message;
    throw usageError('InvalidDatabase', `cannot use database ${database}: ${reason}`, error);
  }
  try {
    await work(store);
  } finally {
    await store.close();
  }
}
