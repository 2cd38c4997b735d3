// A throwaway PostgreSQL server for tests: Debian's PostgreSQL 15 binaries, a cluster in a
// temporary directory, listening on 127.0.0.1 with trust authentication, removed on stop.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.IAM_BRIDGE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A running test server. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  port: number;
  /** Makes an empty database and returns its URL. */
  createDatabase(name: string): string;
  stop(): Promise<void>;
}

/**
 * Why PostgreSQL cannot run here, or undefined when it can. Tests skip with this message,
 * and fail instead under `CI=true`.
 */
export function postgresUnavailable(): string | undefined {
  if (!existsSync(join(BIN, 'postgres')) || !existsSync(join(BIN, 'initdb'))) {
    return `PostgreSQL binaries not found in ${BIN} (apt-get install postgresql)`;
  }
  return undefined;
}

/** Starts a server; as root, the cluster runs as the `postgres` user. */
export async function startPostgres(): Promise<PostgresServer> {
  const missing = postgresUnavailable();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', join(BIN, command), ...args] : args;
    const result = spawnSync(asRoot ? 'runuser' : join(BIN, command), argv, {
      encoding: 'utf8',
      cwd: dir,
    });
    if (result.status !== 0) {
      throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    }
    return result.stdout;
  };
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }

  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  writeFileSync(
    join(data, 'pg_hba.conf'),
    'local all all trust\nhost all all 127.0.0.1/32 trust\n',
  );
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    createDatabase: (name) => {
      run('psql', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-c',
        `CREATE DATABASE "${name}"`,
      ]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
