// A real HTTP server on 127.0.0.1 that answers from a script: AWS XML, errors, HTML pages,
// resets, slow answers, skewed clocks. It records every request and can check signatures
// with our own verifier, so client tests see exactly what went over the wire.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyRequest } from '@iam-bridge/sigv4';

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Decoded parameters from the body (POST) or the query (GET). */
  params: URLSearchParams;
  action: string | null;
  /** The client's port: the same port means the same kept-alive connection. */
  remotePort?: number;
  /** The verifier's answer when the server checks signatures. */
  verified?: { ok: boolean; code?: string };
}

/** What the server does with one request. */
export type Step =
  | { status?: number; body: string; headers?: Record<string, string>; delayMs?: number }
  | { reset: true }
  | ((request: RecordedRequest) => Step);

/** Options of `startScriptedServer`. */
export interface ScriptedServerOptions {
  /** Verify SigV4 with these secrets; a failure answers AWS's error without using a step. */
  secrets?: Record<string, string | { secretAccessKey: string; sessionToken: string }>;
  /** The server's clock, for skew tests; default `Date.now`. */
  now?: () => number;
  /** Answer used when the script has run out. */
  fallback?: Step;
}

/** A running scripted server. */
export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Queues steps, answered in order. */
  script(...steps: Step[]): void;
  close(): Promise<void>;
}

/** An environment whose shared config files do not exist, so tests never read ~/.aws. */
export const NO_SHARED_FILES: Record<string, string> = {
  AWS_CONFIG_FILE: join(tmpdir(), 'iam-bridge-absent', 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'iam-bridge-absent', 'credentials'),
};

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** An AWS success response for an action, with `inner` inside its Result element. */
export function resultXml(action: string, inner = '', namespace = NAMESPACE): string {
  return (
    `<${action}Response xmlns="${namespace}"><${action}Result>${inner}</${action}Result>` +
    `<ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

/** An AWS error response. */
export function errorXml(code: string, message: string, type = 'Sender'): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${code}</Code>` +
    `<Message>${message}</Message></Error><RequestId>req-error</RequestId></ErrorResponse>`
  );
}

/** Starts the server on 127.0.0.1 on a free port. */
export async function startScriptedServer(
  options: ScriptedServerOptions = {},
): Promise<ScriptedServer> {
  const queue: Step[] = [];
  const requests: RecordedRequest[] = [];
  const now = options.now ?? Date.now;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const query = (req.url ?? '/').split('?')[1] ?? '';
      const params = new URLSearchParams(req.method === 'POST' ? body : query);
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
        params,
        action: params.get('Action'),
        ...(req.socket.remotePort === undefined ? {} : { remotePort: req.socket.remotePort }),
      };
      requests.push(recorded);

      if (options.secrets) {
        const secrets = options.secrets;
        const result = verifyRequest(
          { method: recorded.method, url: recorded.url, headers: req.headers as never, body },
          {
            lookupCredentials: (id) => {
              const secret = secrets[id];
              return typeof secret === 'string' ? { secretAccessKey: secret } : secret;
            },
            service: ['iam', 'sts'].includes(scopeService(req)) ? scopeService(req) : 'iam',
            region: ['us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1'],
            now,
          },
        );
        recorded.verified = result.ok ? { ok: true } : { ok: false, code: result.code };
        if (!result.ok) {
          const code = result.code;
          const skewed = code === 'SignatureDoesNotMatch';
          answer(res, {
            status: result.status,
            body: errorXml(code, result.message),
            headers: skewed ? { date: new Date(now()).toUTCString() } : {},
          });
          return;
        }
      }
      const step = queue.shift() ?? options.fallback ?? { status: 500, body: 'script ran out' };
      run(step, recorded, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    script: (...steps) => queue.push(...steps),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function run(step: Step, recorded: RecordedRequest, req: IncomingMessage, res: ServerResponse) {
  if (typeof step === 'function') return run(step(recorded), recorded, req, res);
  if ('reset' in step) {
    req.socket.destroy();
    return;
  }
  if (step.delayMs) {
    const timer = setTimeout(() => answer(res, step), step.delayMs);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  answer(res, step);
}

function answer(
  res: ServerResponse,
  step: { status?: number; body: string; headers?: Record<string, string> },
) {
  if (res.destroyed) return;
  const type = step.body.trimStart().startsWith('<') ? 'text/xml' : 'text/plain';
  res.writeHead(step.status ?? 200, { 'content-type': type, ...step.headers });
  res.end(step.body);
}

function scopeService(req: IncomingMessage): string {
  const authorization = String(req.headers.authorization ?? '');
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  const credential = /Credential=([^,]+)/.exec(authorization)?.[1] ?? query.get('X-Amz-Credential');
  return credential?.split('/')[3] ?? 'iam';
}
