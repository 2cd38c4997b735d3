import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import type { IamError } from '../../src/errors.js';
import { sendHttp } from '../../src/transport/http-transport.js';
import { networkError } from '../../src/transport/network-errors.js';
import { startScriptedServer } from './scripted-server.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('sendHttp', () => {
  it('reads status, headers and the whole body as text', async () => {
    const server = await startScriptedServer();
    try {
      server.script({
        status: 502,
        body: '<html>bad gateway</html>',
        headers: { 'x-amzn-requestid': 'r1' },
      });
      const response = await sendHttp({
        method: 'POST',
        url: server.url,
        headers: {},
        body: 'a=b',
      });
      assert.equal(response.status, 502);
      assert.equal(response.body, '<html>bad gateway</html>');
      assert.equal(response.headers.get('x-amzn-requestid'), 'r1');
      assert.equal(server.requests[0].body, 'a=b');
    } finally {
      await server.close();
    }
  });

  it('reuses one kept-alive connection for consecutive requests', async () => {
    const server = await startScriptedServer({ fallback: { body: 'ok' } });
    try {
      for (let i = 0; i < 6; i++) await sendHttp({ method: 'GET', url: server.url, headers: {} });
      const ports = new Set(server.requests.map((request) => request.remotePort));
      assert.equal(ports.size, 1);

      // The fetch path (undici) pools too, though it may open a second connection.
      const before = server.requests.length;
      for (let i = 0; i < 6; i++) {
        await sendHttp({ method: 'GET', url: server.url, headers: {} }, { fetch });
      }
      const fetchPorts = new Set(server.requests.slice(before).map((r) => r.remotePort));
      assert.ok(fetchPorts.size <= 2);
    } finally {
      await server.close();
    }
  });

  it('reports a reset as a retryable NetworkError', async () => {
    const server = await startScriptedServer({ fallback: { reset: true } });
    try {
      await assert.rejects(
        sendHttp({ method: 'GET', url: server.url, headers: {} }),
        (error: IamError) => error.code === 'NetworkError' && error.retryable,
      );
    } finally {
      await server.close();
    }
  });

  it('reports a refused connection as a NetworkError that is not retried', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    await assert.rejects(sendHttp({ method: 'GET', url, headers: {} }), (error: IamError) => {
      assert.equal(error.code, 'NetworkError');
      assert.match(error.message, /ECONNREFUSED/);
      assert.equal(error.retryable, false);
      return true;
    });
  });

  it('times out slow answers and honours an already aborted signal', async () => {
    const server = await startScriptedServer({ fallback: { body: 'late', delayMs: 1_000 } });
    try {
      await assert.rejects(
        sendHttp({ method: 'GET', url: server.url, headers: {} }, { timeoutMs: 50 }),
        (error: IamError) => error.code === 'TimeoutError' && /50 ms/.test(error.message),
      );
      await assert.rejects(
        sendHttp({ method: 'GET', url: server.url, headers: {} }, { signal: AbortSignal.abort() }),
        { code: 'AbortError' },
      );
    } finally {
      await server.close();
    }
  });

  it('names only the origin of the URL in network errors', () => {
    const error = networkError(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), {
      url: 'https://iam.amazonaws.com/?X-Amz-Signature=secretish',
    });
    assert.equal(error.message, 'request to https://iam.amazonaws.com failed: ECONNRESET');
    assert.equal(error.retryable, true);
  });
});
