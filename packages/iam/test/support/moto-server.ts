// Starts moto_server (the independent IAM/STS implementation used as a test oracle) on
// 127.0.0.1 on a free port, as a child process that is stopped by its pid.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** A running moto_server. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** Stops this server (by its pid) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of `startMoto`. */
export interface MotoOptions {
  /**
   * Requests moto serves before it starts checking signatures
   * (`INITIAL_NO_AUTH_ACTION_COUNT`); default: signatures are never checked.
   */
  initialNoAuthActionCount?: number;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** Give up waiting for the port after this long; default 30 s. */
  startTimeoutMs?: number;
}

/**
 * Why moto cannot be used here, or undefined when `moto_server` runs. Under `CI=true` the
 * caller should fail rather than skip.
 *
 * @example
 * const reason = motoUnavailable();
 * describe('moto', { skip: reason }, () => { ... });
 */
export function motoUnavailable(): string | undefined {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore', timeout: 30_000 });
  if (probe.error === undefined && probe.status === 0) return undefined;
  const reason = 'moto_server is not installed (pip install "moto[server]")';
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true needs it`);
  return reason;
}

/**
 * Starts moto_server on 127.0.0.1 on a free port and waits until it accepts connections.
 *
 * @example
 * const moto = await startMoto({ initialNoAuthActionCount: 3 });
 * after(() => moto.stop());
 */
export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.initialNoAuthActionCount !== undefined) {
    env.INITIAL_NO_AUTH_ACTION_COUNT = String(options.initialNoAuthActionCount);
  }
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  if (child.pid === undefined) throw new Error('moto_server did not start');

  const stop = () => stopChild(child);
  try {
    await waitForPort(port, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`moto_server did not come up: ${(error as Error).message}\n${stderr}`);
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} not open after ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
