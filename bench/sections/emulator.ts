// Emulator: signed GetUser and CreateUser round trips against the emulator and moto_server, each
// in its own process on this machine, a fixed number of requests in flight. Rounds alternate
// between the two servers so that load from elsewhere falls on both alike. Besides requests per
// second (bounded by this client too), each server's own CPU time per request is read from
// /proc: the capacity it would have with a core to itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startMoto } from '../../packages/iam/test/support/moto-server.js';
import { signRequest } from '@iam-bridge/sigv4';
import type { BenchRow, SectionResult, TargetCheck } from '../report.js';
import type { TimingOptions } from '../timing.js';

const IN_FLIGHT = 16;
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const CLOCK_TICKS_PER_SECOND = 100;
const PRESIGNED_PER_ROUND = 12_000;

interface Server {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** One timed round against one server. */
interface Round {
  requests: number;
  seconds: number;
  /** CPU seconds the server process used during the round; NaN where /proc is missing. */
  serverCpuSeconds: number;
}

type SignedRequest = ReturnType<typeof signedRequest>;

/** A signed Query request: its headers (host included) and form body. */
function signedRequest(url: string, params: Record<string, string>) {
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
  return { headers: signed.headers, body };
}

/** Sends one request on a keep-alive agent; resolves with the status once the body is read. */
function send(agent: Agent, url: URL, request: SignedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { agent, host: url.hostname, port: url.port, method: 'POST', path: '/' },
      (response) => {
        response.on('data', () => {});
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    for (const [name, value] of Object.entries(request.headers)) outgoing.setHeader(name, value);
    outgoing.end(request.body);
  });
}

function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at the process state.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * Keeps IN_FLIGHT requests going for `seconds` over keep-alive connections (a server that
 * closes them gets new ones); `next` gives each request, so every CreateUser is a new user.
 */
async function round(server: Server, seconds: number, next: () => SignedRequest) {
  const url = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const cpuBefore = processCpuSeconds(server.pid);
  const start = performance.now();
  const end = start + seconds * 1000;
  let requests = 0;

  const worker = async () => {
    while (performance.now() < end) {
      const status = await send(agent, url, next());
      if (status !== 200) throw new Error(`a bench call to ${server.name} answered ${status}`);
      requests++;
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    agent.destroy();
  }
  return {
    requests,
    seconds: (performance.now() - start) / 1000,
    serverCpuSeconds: processCpuSeconds(server.pid) - cpuBefore,
  } satisfies Round;
}

// A process of its own, as `iam-bridge local` runs it, but started from the emulator module
// alone so the bench does not depend on the rest of the CLI.
function startEmulatorProcess(dataDir: string): Promise<Server> {
  // The built module, as users run it (npm run bench builds first).
  const module = new URL('../../packages/iam-bridge/dist/emulator/index.js', import.meta.url);
  const script = [
    `const { startEmulator } = await import(${JSON.stringify(module.href)});`,
    'const noLog = { info() {}, error() {} };',
    'const emulator = await startEmulator({ dataFile: process.argv[1], logger: noLog });',
    'console.log(`listening on ${emulator.url}`);',
    "process.once('SIGTERM', () => emulator.stop().then(() => process.exit(0)));",
  ].join('\n');
  const child: ChildProcess = spawn(
    process.execPath,
    [...['--input-type=module', '-e', script], join(dataDir, 'bench.db')],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator process exited with ${code}`)));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      if (!url) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        name: 'iam-bridge emulator',
        url,
        pid: child.pid!,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Summary {
  perSecond: number;
  cpuMicrosecondsPerRequest: number;
  row: BenchRow;
}

function summarize(caseId: string, caseTitle: string, server: Server, rounds: Round[]): Summary {
  const rates = rounds.map((r) => r.requests / r.seconds);
  const perSecond = median(rates);
  const requests = rounds.reduce((sum, r) => sum + r.requests, 0);
  const cpu = rounds.reduce((sum, r) => sum + r.serverCpuSeconds, 0);
  const cpuMicrosecondsPerRequest = (cpu * 1e6) / requests;
  const cpuText = Number.isNaN(cpu) ? '' : `, ${cpuMicrosecondsPerRequest.toFixed(0)} us CPU/req`;
  return {
    perSecond,
    cpuMicrosecondsPerRequest,
    row: {
      caseId,
      caseTitle,
      subject: `${server.name} (${Math.round(perSecond)} req/s${cpuText})`,
      timing: {
        microseconds: 1e6 / perSecond,
        minMicroseconds: 1e6 / Math.max(...rates),
        maxMicroseconds: 1e6 / Math.min(...rates),
        iterations: requests,
        rounds: rounds.length,
      },
    },
  };
}

function ratioTargets(caseId: string, [ours, moto]: Summary[]): TargetCheck[] {
  const checks = [
    {
      name: `${caseId}: emulator req/s / moto_server req/s`,
      measured: ours!.perSecond / moto!.perSecond,
    },
    {
      name: `${caseId}: moto_server CPU per request / emulator's`,
      measured: moto!.cpuMicrosecondsPerRequest / ours!.cpuMicrosecondsPerRequest,
    },
  ];
  return checks
    .filter((check) => Number.isFinite(check.measured))
    .map((check) => ({ ...check, target: '>= 10', met: check.measured >= 10 }));
}

/**
 * Signed GetUser and CreateUser against the emulator and moto_server: requests per second with
 * IN_FLIGHT in flight, and server CPU per request; target: the emulator at 10x moto or more.
 *
 * @example console.log(formatSection(await emulatorSection()))
 */
export async function emulatorSection(options: TimingOptions = {}): Promise<SectionResult> {
  const quick = (options.rounds ?? 7) <= 3;
  const [roundCount, roundSeconds] = quick ? [1, 1] : [4, 1.5];
  const rows: BenchRow[] = [];
  const targets: TargetCheck[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'iam-bridge-bench-'));

  const motoMissing = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status !== 0;
  const servers: Server[] = [await startEmulatorProcess(dataDir)];
  try {
    if (!motoMissing) servers.push({ name: 'moto_server', ...(await startMoto()) });
    let sequence = 0;
    const cases = [
      {
        id: 'get-user',
        title: `GetUser, ${IN_FLIGHT} in flight`,
        // One signed request serves the whole run: it stays valid for 15 minutes.
        next: (url: string) => {
          const request = signedRequest(url, { Action: 'GetUser', UserName: 'bench' });
          return () => request;
        },
      },
      {
        id: 'create-user',
        title: `CreateUser, ${IN_FLIGHT} in flight`,
        // Signed ahead of the round, so the client spends its time sending, not signing.
        next: (url: string) => {
          const signed = Array.from({ length: PRESIGNED_PER_ROUND }, () =>
            signedRequest(url, { Action: 'CreateUser', UserName: `bench-${sequence++}` }),
          );
          return () =>
            signed.pop() ??
            signedRequest(url, { Action: 'CreateUser', UserName: `bench-${sequence++}` });
        },
      },
    ];
    for (const server of servers) {
      const create = signedRequest(server.url, { Action: 'CreateUser', UserName: 'bench' });
      const agent = new Agent();
      await send(agent, new URL(server.url), create);
      agent.destroy();
    }

    for (const benchCase of cases) {
      const rounds = servers.map(() => [] as Round[]);
      // Warm-up: lets the JIT settle on the hot paths before anything is counted.
      for (const server of servers) await round(server, 1.5, benchCase.next(server.url));
      for (let count = 0; count < roundCount; count++) {
        for (const [index, server] of servers.entries()) {
          rounds[index]!.push(await round(server, roundSeconds, benchCase.next(server.url)));
        }
      }
      const summaries = servers.map((server, index) =>
        summarize(benchCase.id, benchCase.title, server, rounds[index]!),
      );
      for (const summary of summaries) {
        summary.row.ratioToOurs =
          summary.row.timing.microseconds / summaries[0]!.row.timing.microseconds;
        rows.push(summary.row);
      }
      if (summaries.length === 2) targets.push(...ratioTargets(benchCase.id, summaries));
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }

  const title = motoMissing
    ? 'Emulator round trips (moto_server not installed: no comparison)'
    : 'Emulator and moto_server round trips (us/op = 1e6 / req/s; alternating rounds)';
  return { name: 'emulator', title, rows, targets };
}
