// Runs `iam-bridge serve` as a child process, for tests that need separate processes:
// replicas on one database, kill -9 and restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(ROOT, 'packages/iam-bridge/src/cli/main.ts');

/** A gateway child process. */
export interface ChildGateway {
  url: string;
  process: ChildProcess;
  lines: string[];
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

/** Where the child's IAM target is and which settings it runs with. */
export interface ChildOptions {
  database: string;
  target: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** A directory for the config file. */
  dir: string;
  settings?: Record<string, unknown>;
}

/**
 * Starts `iam-bridge serve --port 0` with a JSON config file (fast heartbeats) and the
 * target's credentials in the environment; resolves once it logs that it listens.
 */
export async function startChildGateway(options: ChildOptions): Promise<ChildGateway> {
  const configFile = join(options.dir, `gateway-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    configFile,
    JSON.stringify({
      instanceStaleMs: 1_500,
      callerRate: { perSecond: 100_000, burst: 100_000 },
      ...options.settings,
    }),
  );
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      MAIN,
      'serve',
      '--port',
      '0',
      '--database',
      options.database,
      '--target',
      options.target,
      '--config',
      configFile,
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: options.dir,
        AWS_ACCESS_KEY_ID: options.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: options.credentials.secretAccessKey,
        AWS_CONFIG_FILE: join(options.dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(options.dir, 'none'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway did not start:\n${lines.join('\n')}`)),
      20_000,
    );
    createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.includes('"gateway listening"')) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${JSON.parse(line).port}`);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${lines.join('\n')}`));
    });
  });
  return {
    url,
    process: child,
    lines,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
