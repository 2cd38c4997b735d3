// Refusals that fastify or node's HTTP parser make before a route runs still come back in the
// gateway's error shape: { error: { code, message, requestId } }, with a fitting 4xx.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { startTestGateway, type TestGateway } from './support.js';

// Sends raw bytes and reads the whole answer: status, headers and the JSON body.
async function rawRequest(url: string, request: string) {
  const { hostname, port } = new URL(url);
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
}

function assertEnvelope(body: any, code: string): void {
  assert.deepEqual(Object.keys(body), ['error'], JSON.stringify(body));
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 10, body.error.message);
  assert.match(body.error.requestId, /^[0-9a-f-]{36}$/);
  assert.ok(!('statusCode' in body.error) && !('statusCode' in body), 'not fastify shape');
}

describe("fastify's own errors in the gateway's error shape", () => {
  let g: TestGateway;
  before(async () => {
    g = await startTestGateway();
  });
  after(() => g.stop());

  test('a URL whose %-escape is not UTF-8 is a 400 InvalidUrl', async () => {
    const answer = await g.call('GET', '/v1/users/%E9');
    assert.equal(answer.status, 400, answer.text);
    assertEnvelope(answer.body, 'InvalidUrl');
    assert.match(answer.body.error.message, /%-escape/);
    assert.equal(answer.headers.get('x-request-id'), answer.body.error.requestId);
    assert.match(answer.headers.get('content-type') ?? '', /application\/json/);
  });

  test('a path segment longer than fastify allows is a 414 UriTooLong', async () => {
    const answer = await g.call('GET', `/v1/users/${'a'.repeat(300)}`);
    assert.equal(answer.status, 414, answer.text);
    assertEnvelope(answer.body, 'UriTooLong');
  });

  test('headers larger than node accepts are a 431 HeadersTooLarge', async () => {
    const answer = await rawRequest(
      g.url,
      `GET /v1/users HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.equal(answer.status, 431);
    assertEnvelope(answer.body, 'HeadersTooLarge');
    assert.equal(answer.headers['x-request-id'], answer.body.error.requestId);
    assert.match(answer.headers['content-type'] ?? '', /application\/json/);
  });

  test('a client that writes all of an oversized body before reading sees the 413', async () => {
    // As Python's urllib does; a server that closed on the unread body fails the write (EPIPE).
    const { hostname, port } = new URL(g.url);
    const body = Buffer.alloc(10 * 1024 * 1024, 'a');
    const head =
      `POST /v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${g.keys.admin}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('error', reject);
      socket.write(head);
      socket.write(body, () => {
        const wait = setInterval(() => {
          if (/\r\n\r\n\{.*\}$/s.test(text)) {
            clearInterval(wait);
            socket.end();
            resolve(text);
          }
        }, 10);
      });
    });
    assert.match(received, /^HTTP\/1\.1 413 /);
    assertEnvelope(JSON.parse(received.split('\r\n\r\n')[1]!), 'PayloadTooLarge');
  });

  test('a request that is not HTTP is a 400 MalformedRequest', async () => {
    const answer = await rawRequest(g.url, 'HELLO THERE\r\n\r\n');
    assert.equal(answer.status, 400);
    assertEnvelope(answer.body, 'MalformedRequest');
  });

  test('a body without Content-Type and a bad Content-Length are 4xx in the shape', async () => {
    const untyped = await g.call('POST', '/v1/users', { rawBody: '{"userName":"x"}' });
    assert.ok(untyped.status === 415 || untyped.status === 400, untyped.text);
    assertEnvelope(
      untyped.body,
      untyped.status === 415 ? 'UnsupportedMediaType' : 'ValidationError',
    );
    const short = await rawRequest(
      g.url,
      'POST /v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${g.keys.admin}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n` +
        '{"userName":"long-body"}',
    );
    assert.ok(short.status >= 400 && short.status < 500, JSON.stringify(short));
    assert.ok(short.body.error.code, JSON.stringify(short.body));
  });
});

test('a request reaching an instance that is shutting down is a 503 in the shape', async () => {
  const g = await startTestGateway({ shutdownTimeoutMs: 2_000 });
  const { hostname, port } = new URL(g.url);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => (received += chunk));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  // The connection is busy (headers half sent) when shutdown starts, so it is not closed
  // as idle; its request then arrives at a closing instance.
  socket.write('GET /v1/users HTTP/1.1\r\nHost: x\r\n');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const stopped = g.stop();
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.write(`Authorization: Bearer ${g.keys.read}\r\n\r\n`);
  await closed;
  await stopped;
  const [head = '', body = ''] = received.split('\r\n\r\n');
  assert.match(head, /^HTTP\/1\.1 503 /, received);
  assertEnvelope(JSON.parse(body), 'ServiceUnavailable');
});
