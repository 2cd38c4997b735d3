import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpRequest } from './http-transport.js';

/**
 * Keep-alive agents shared by every client in the process, one per scheme, so repeated
 * calls to the same endpoint reuse their TLS connections.
 *
 * @example
 * KEEP_ALIVE_AGENTS.https.maxSockets; // 50
 */
export const KEEP_ALIVE_AGENTS = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
};

/**
 * Sends one request with node:http/node:https over the shared keep-alive agents and reads
 * the body as UTF-8 text. Rejects with the socket's own error (its `code` intact) or with
 * the signal's reason when the signal aborts.
 *
 * @example
 * const { status, headers, body } = await nodeHttpRequest(request, controller.signal);
 */
export function nodeHttpRequest(
  request: HttpRequest,
  signal: AbortSignal,
): Promise<{ status: number; headers: Headers; body: string }> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const url = new URL(request.url);
    const https = url.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }

    const outgoing = send(url, {
      method: request.method,
      headers,
      agent: https ? KEEP_ALIVE_AGENTS.https : KEEP_ALIVE_AGENTS.http,
    });
    const onAbort = () => outgoing.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal.removeEventListener('abort', onAbort);

    outgoing.on('error', (error) => {
      settle();
      reject(signal.aborted ? signal.reason : error);
    });
    outgoing.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        settle();
        reject(signal.aborted ? signal.reason : error);
      });
      response.on('end', () => {
        settle();
        resolve({
          status: response.statusCode ?? 0,
          headers: toHeaders(response.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    outgoing.end(request.body);
  });
}

function toHeaders(raw: IncomingMessage['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}
