import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { xmlText } from './http-support.js';

/** Sends raw bytes and reads the whole answer until the server closes or goes quiet. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.setEncoding('utf8');
    socket.setTimeout(2000, () => socket.end());
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (/\r\n\r\n[\s\S]*<\/ErrorResponse>/.test(received)) socket.end();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

function parseAnswer(text: string) {
  const [head = '', body = ''] = text.split('\r\n\r\n', 2);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = new Map(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

function assertXmlError(text: string, status: number, code: string): void {
  const answer = parseAnswer(text);
  assert.equal(answer.status, status, text);
  assert.match(answer.headers.get('content-type') ?? '', /^text\/xml/);
  assert.match(answer.body, /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\//);
  assert.equal(xmlText(answer.body, 'Code'), code);
  assert.equal(xmlText(answer.body, 'Type'), 'Sender');
  assert.equal(xmlText(answer.body, 'RequestId'), answer.headers.get('x-amzn-requestid'));
}

describe("emulator HTTP: the HTTP layer's own refusals are AWS XML errors", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ memory: true });
  });
  after(() => emulator.stop());

  it('a malformed percent-escape in the path is InvalidRequest 400 in XML', async () => {
    const text = await rawExchange(emulator.port, 'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n');
    assertXmlError(text, 400, 'InvalidRequest');
    assert.match(parseAnswer(text).body, /malformed percent-escape/);
  });

  it('an unreadable Content-Length is InvalidRequest 400 in XML', async () => {
    const request = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n';
    assertXmlError(await rawExchange(emulator.port, request), 400, 'InvalidRequest');
  });

  it('headers over the size limit are RequestHeaderFieldsTooLarge 431 in XML', async () => {
    const request = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    assertXmlError(await rawExchange(emulator.port, request), 431, 'RequestHeaderFieldsTooLarge');
  });

  it('a body over the limit is RequestEntityTooLarge 413 in XML', async () => {
    const small = await startEmulator({ memory: true, bodyLimit: 16 });
    try {
      const body = 'Action=ListUsers&Version=2010-05-08';
      const request =
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        `Content-Length: ${body.length}\r\n\r\n${body}`;
      assertXmlError(await rawExchange(small.port, request), 413, 'RequestEntityTooLarge');
    } finally {
      await small.stop();
    }
  });

  it('a client that sends a whole oversized body before reading still gets the 413', async () => {
    // As Python's urllib does: 20 MiB written in full, and only then the answer read; a
    // server that closed on the unread body would fail the write with EPIPE.
    const body = Buffer.alloc(20 * 1024 * 1024, 'a');
    const head =
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: ${body.length}\r\n\r\n`;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(emulator.port, '127.0.0.1');
      let received = '';
      let written = false;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', (error) => reject(written ? error : new Error(`write failed: ${error}`)));
      socket.write(head);
      socket.write(body, () => {
        written = true;
        socket.setTimeout(2000, () => socket.end());
        const wait = setInterval(() => {
          if (/<\/ErrorResponse>/.test(received)) {
            clearInterval(wait);
            socket.end();
            resolve(received);
          }
        }, 10);
      });
    });
    assertXmlError(answer, 413, 'RequestEntityTooLarge');
  });
});
