// Helpers for gateway tests: a gateway on port 0 with the embedded emulator in memory, one
// API key per scope, and a small JSON client.
import { Writable } from 'node:stream';

import pino from 'pino';

import { createApiKey } from '../../src/gateway/auth/api-keys.js';
import { startGateway, type RunningGateway } from '../../src/gateway/index.js';
import type { GatewayConfig } from '../../src/gateway/config.js';

/** A gateway under test with a key of each scope and the lines it logged. */
export interface TestGateway {
  gateway: RunningGateway;
  url: string;
  keys: { read: string; write: string; admin: string };
  logLines: string[];
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  stop(): Promise<void>;
}

/** One request's options. */
export interface CallOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

/** A parsed answer. */
export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Starts a gateway with the embedded emulator in memory and makes three keys. */
export async function startTestGateway(
  settings: Partial<GatewayConfig> = {},
): Promise<TestGateway> {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const gateway = await startGateway(
    {
      port: 0,
      database: ':memory:',
      emulatorData: 'memory',
      logLevel: 'info',
      callerRate: { perSecond: 10_000, burst: 10_000 },
      ...settings,
    },
    { logger: pino({ level: 'info', redact: { paths: [], censor: '' } }, sink), env: {} },
  );
  const store = gateway.context.store;
  const make = async (name: string, scopes: Array<'read' | 'write' | 'admin'>) =>
    (
      await createApiKey(store, {
        name: `${name}-${Math.random().toString(36).slice(2, 8)}`,
        scopes,
      })
    ).key;
  const keys = {
    read: await make('reader', ['read']),
    write: await make('writer', ['write']),
    admin: await make('admin', ['admin']),
  };
  const url = gateway.url;
  return {
    gateway,
    url,
    keys,
    logLines,
    call: (method, path, options = {}) => callGateway(url, method, path, options, keys.admin),
    stop: () => gateway.stop(),
  };
}

/** Sends one request to a gateway; `key: null` sends none, default the admin key. */
export async function callGateway(
  url: string,
  method: string,
  path: string,
  options: CallOptions = {},
  defaultKey?: string,
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? defaultKey : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const payload = typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
  const response = await fetch(new URL(path, url), { method, headers, body: payload ?? null });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
