// Gateway: GetUser and CreateUser through the gateway (REST, API key) and straight to the
// emulator (signed Query calls), both on loopback, each server in its own process. Latency
// is measured one request at a time (what the gateway adds to each call); throughput with
// 16 connections, after a warm-up. Latencies come from every response's own time, not a
// 1 ms histogram.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// autocannon ships no types; only the part used here is described.
// @ts-expect-error: no declaration file
import autocannonUntyped from 'autocannon';

import { createApiKey } from '../../packages/iam-bridge/src/gateway/auth/api-keys.js';
import { openGatewayStore } from '../../packages/iam-bridge/src/gateway/store/index.js';
import { signRequest } from '@iam-bridge/sigv4';
import type { BenchRow, SectionResult, TargetCheck } from '../report.js';
import type { TimingOptions } from '../timing.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// The CLI as users run it: the built package (npm run bench builds first).
const bin = join(repoRoot, 'packages/iam-bridge/bin/iam-bridge.js');
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const THROUGHPUT_CONNECTIONS = 16;

interface Measured {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
}

interface Request {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: Request) => Request;
}

interface Instance extends PromiseLike<{ non2xx: number; errors: number }> {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, time: number) => void,
  ): void;
}

const autocannon = autocannonUntyped as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: Request[];
}) => Instance;

/** Runs the emulator and two gateways (SQLite file, SQLite in memory) and times them. */
export async function gatewaySection(options: TimingOptions): Promise<SectionResult> {
  const seconds = (options.roundMs ?? 50) >= 50 ? 3 : 0.5;
  const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-bench-gateway-'));
  const children: ChildProcess[] = [];
  const cleanup: string[] = [];
  try {
    const emulatorPort = await freePort();
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    children.push(
      await startProcess(
        [
          'local',
          '--port',
          String(emulatorPort),
          '--memory',
          '--log-level',
          'silent',
          '--root-credentials',
          `${credentials.accessKeyId}:${credentials.secretAccessKey}`,
        ],
        emulatorUrl,
      ),
    );
    const file = await startGateway(dir, emulatorUrl, children);
    const memory = await startGateway(
      existsSync('/dev/shm') ? '/dev/shm' : dir,
      emulatorUrl,
      children,
    );
    cleanup.push(...memory.files);

    await callOnce(
      emulatorUrl,
      signedQuery(emulatorUrl, { Action: 'CreateUser', UserName: 'bench-user' }),
    );
    let userNumber = 0;
    const nextUser = (prefix: string) => `${prefix}-${process.pid}-${userNumber++}`;

    const subjects = {
      getUserDirect: () => [
        signedQuery(emulatorUrl, { Action: 'GetUser', UserName: 'bench-user' }),
      ],
      getUserGateway: (key: string) => [
        {
          method: 'GET',
          path: '/v1/users/bench-user',
          headers: { authorization: `Bearer ${key}` },
        },
      ],
      createUserDirect: () => [
        {
          method: 'POST',
          path: '/',
          setupRequest: (request: Request) => ({
            ...request,
            ...signedQuery(emulatorUrl, { Action: 'CreateUser', UserName: nextUser('direct') }),
          }),
        },
      ],
      createUserGateway: (key: string) => [
        {
          method: 'POST',
          path: '/v1/users',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          setupRequest: (request: Request) => ({
            ...request,
            body: JSON.stringify({ userName: nextUser('gateway') }),
          }),
        },
      ],
    };

    const rows: BenchRow[] = [];
    const targets: TargetCheck[] = [];
    const cases: Array<[string, string, Array<[string, string, () => Request[]]>]> = [
      [
        'get-user',
        'GetUser',
        [
          ['emulator direct (signed Query)', emulatorUrl, subjects.getUserDirect],
          ['gateway, SQLite file store', file.url, () => subjects.getUserGateway(file.key)],
        ],
      ],
      [
        'create-user',
        'CreateUser',
        [
          ['emulator direct (signed Query)', emulatorUrl, subjects.createUserDirect],
          [
            'gateway, SQLite file store (fsync)',
            file.url,
            () => subjects.createUserGateway(file.key),
          ],
          [
            'gateway, SQLite on tmpfs (no fsync cost)',
            memory.url,
            () => subjects.createUserGateway(memory.key),
          ],
        ],
      ],
    ];
    for (const [caseId, caseTitle, list] of cases) {
      const measured: Measured[] = [];
      for (const [name, url, requests] of list) {
        await drive(url, requests(), THROUGHPUT_CONNECTIONS, seconds / 2);
        const latency = await drive(url, requests(), 1, seconds);
        const throughput = await drive(url, requests(), THROUGHPUT_CONNECTIONS, seconds);
        measured.push(latency);
        rows.push({
          caseId,
          caseTitle,
          subject:
            `${name}: p50 ${latency.p50Ms.toFixed(3)} ms, p99 ${latency.p99Ms.toFixed(3)} ms ` +
            `(1 conn); ${Math.round(throughput.perSecond)} req/s, p50 ` +
            `${throughput.p50Ms.toFixed(2)} ms, p99 ${throughput.p99Ms.toFixed(2)} ms ` +
            `(${THROUGHPUT_CONNECTIONS} conns)`,
          timing: {
            microseconds: latency.p50Ms * 1000,
            minMicroseconds: latency.p50Ms * 1000,
            maxMicroseconds: latency.p99Ms * 1000,
            iterations: latency.requests + throughput.requests,
            rounds: 2,
          },
        });
      }
      const added = measured[1]!.p50Ms - measured[0]!.p50Ms;
      targets.push({
        name: `${caseTitle}: p50 added by the gateway (disk store), ms`,
        measured: added,
        target: '<= 1',
        met: added <= 1,
      });
      if (measured[2]) {
        targets.push({
          name: `${caseTitle}: p50 added by the gateway (tmpfs store), ms`,
          measured: measured[2].p50Ms - measured[0]!.p50Ms,
          target: '<= 1',
          met: measured[2].p50Ms - measured[0]!.p50Ms <= 1,
        });
      }
    }
    return {
      name: 'gateway',
      title: 'Gateway: p50 ms per call (range: p50-p99 in us), one connection; req/s at 16',
      rows,
      targets,
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    for (const path of cleanup) rmSync(path, { force: true });
  }
}

// `where` is a directory: the disk, or tmpfs (/dev/shm), where fsync costs nothing, to
// show the gateway's own overhead apart from the disk's.
async function startGateway(where: string, target: string, children: ChildProcess[]) {
  const path = join(where, `gateway-${process.pid}-${children.length}.sqlite`);
  const store = await openGatewayStore(path);
  const key = (await createApiKey(store, { name: 'bench', scopes: ['write'] })).key;
  await store.close();

  const port = await freePort();
  const config = join(where, `config-${port}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      callerRate: { perSecond: 1e9, burst: 1e9 },
      iamRate: { perSecond: 1e9, burst: 1e9 },
      logLevel: 'warn',
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const args = ['serve', '--port', String(port), '--database', path, '--target', target];
  const env = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
  children.push(await startProcess([...args, '--config', config], url, env));
  return { url, key, files: [path, `${path}-wal`, `${path}-shm`, config] };
}

function startProcess(
  args: string[],
  readyUrl: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: tmpdir(), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 20_000;
    const poll = async () => {
      try {
        await fetch(`${readyUrl}/healthz`);
        resolve(child);
      } catch {
        if (child.exitCode !== null || Date.now() > deadline) {
          child.kill('SIGKILL');
          reject(new Error(`${args[0]} did not start`));
          return;
        }
        setTimeout(poll, 100);
      }
    };
    void poll();
  });
}

function signedQuery(url: string, params: Record<string, string>): Request {
  const body = new URLSearchParams({ Version: '2010-05-08', ...params }).toString();
  const signed = signRequest(
    {
      method: 'POST',
      url: `${url}/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    },
    { credentials, region: 'us-east-1', service: 'iam' },
  );
  return { method: 'POST', path: '/', headers: signed.headers, body };
}

async function callOnce(url: string, request: Request): Promise<void> {
  const answer = await fetch(`${url}${request.path}`, {
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body ?? null,
  });
  if (!answer.ok) throw new Error(`bench setup call answered ${answer.status}`);
}

async function drive(
  url: string,
  requests: Request[],
  connections: number,
  seconds: number,
): Promise<Measured> {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, requests });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, time: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(time);
  });
  const result = await instance;
  const non2xx = result.non2xx + result.errors;
  if (non2xx > 0) throw new Error(`${url}: ${non2xx} calls failed during the bench`);
  times.sort((left, right) => left - right);
  const at = (share: number) =>
    times[Math.min(times.length - 1, Math.floor(share * times.length))]!;
  return {
    perSecond: times.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    requests: times.length,
    non2xx,
  };
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
