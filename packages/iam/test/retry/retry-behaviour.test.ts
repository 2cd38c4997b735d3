import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '../../src/client/iam-client.js';
import type { IamError } from '../../src/errors.js';
import { all } from '../../src/pagination/paginate.js';
import {
  errorXml,
  NO_SHARED_FILES,
  resultXml,
  startScriptedServer,
} from '../transport/scripted-server.js';
import type { ScriptedServer } from '../transport/scripted-server.js';

const credentials = { accessKeyId: 'AKIDRETRYTEST', secretAccessKey: 'retry-test-secret' };
const emptyUsers = resultXml('ListUsers', '<Users/><IsTruncated>false</IsTruncated>');
const throttled = { status: 400, body: errorXml('Throttling', 'Rate exceeded') };
const html502 = { status: 502, body: '<html><head><title>502 Bad Gateway</title></head></html>' };

describe('retries against a real local server', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  function client(delays: number[], options: { maxAttempts?: number; timeoutMs?: number } = {}) {
    return new IamClient({
      endpoint: server.url,
      credentials,
      env: NO_SHARED_FILES,
      ...options,
      retry: { random: () => 0.999, sleep: async (ms) => void delays.push(ms) },
    });
  }

  it('retries Throttling, a 500 and an HTML 502, then succeeds', async () => {
    const delays: number[] = [];
    const start = server.requests.length;
    server.script(
      throttled,
      { status: 500, body: errorXml('ServiceFailure', 'internal', 'Receiver') },
      html502,
      { body: emptyUsers },
    );
    const detailed = await client(delays).sendDetailed('ListUsers');

    assert.equal(detailed.attempts, 4);
    assert.equal(server.requests.length - start, 4);
    // Full jitter: each wait is below min(20 s, 100 ms * 2^(retry - 1)).
    assert.deepEqual(delays, [99, 199, 399]);
  });

  it('keeps every backoff within the cap', async () => {
    const delays: number[] = [];
    const iam = new IamClient({
      endpoint: server.url,
      credentials,
      env: NO_SHARED_FILES,
      maxAttempts: 12,
      retry: { random: () => 0.999999, sleep: async (ms) => void delays.push(ms) },
    });
    server.script(...Array.from({ length: 11 }, () => throttled), { body: emptyUsers });
    await iam.send('ListUsers');
    assert.equal(delays.length, 11);
    assert.ok(delays.every((ms) => ms >= 0 && ms <= 20_000));
    assert.equal(delays.at(-1), 19_999);
  });

  it('gives up after maxAttempts with the last error, never an empty result', async () => {
    const delays: number[] = [];
    const start = server.requests.length;
    server.script(throttled, throttled, throttled);
    await assert.rejects(
      client(delays, { maxAttempts: 3 }).send('ListUsers'),
      (error: IamError) => {
        assert.equal(error.code, 'Throttling');
        assert.equal(error.retryable, true);
        return true;
      },
    );
    assert.equal(server.requests.length - start, 3);
    assert.equal(delays.length, 2);
  });

  it('raises from a failed list call instead of returning []', async () => {
    server.script(
      { status: 503, body: errorXml('ServiceUnavailable', 'down', 'Receiver') },
      { status: 503, body: errorXml('ServiceUnavailable', 'down', 'Receiver') },
    );
    await assert.rejects(all(client([], { maxAttempts: 2 }), 'ListUsers'), {
      code: 'ServiceUnavailable',
    });
  });

  it('does not retry a caller error', async () => {
    const start = server.requests.length;
    server.script({ status: 409, body: errorXml('EntityAlreadyExists', 'exists') });
    await assert.rejects(client([]).send('CreateUser', { UserName: 'ana' }), {
      code: 'EntityAlreadyExists',
    });
    assert.equal(server.requests.length - start, 1);
  });

  it('retries a connection reset', async () => {
    const delays: number[] = [];
    const start = server.requests.length;
    server.script({ reset: true }, { reset: true }, { body: emptyUsers });
    const detailed = await client(delays).sendDetailed('ListUsers');
    assert.equal(detailed.attempts, 3);
    assert.equal(server.requests.length - start, 3);
  });

  it('times out a slow answer as a retryable TimeoutError and retries it', async () => {
    const delays: number[] = [];
    server.script({ body: emptyUsers, delayMs: 2_000 }, { body: emptyUsers });
    const detailed = await client(delays, { timeoutMs: 150 }).sendDetailed('ListUsers');
    assert.equal(detailed.attempts, 2);

    server.script({ body: emptyUsers, delayMs: 2_000 });
    await assert.rejects(
      client([], { timeoutMs: 100, maxAttempts: 1 }).send('ListUsers'),
      (error: IamError) => error.code === 'TimeoutError' && error.retryable,
    );
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    server.script({ body: emptyUsers, delayMs: 2_000 });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(
      client([]).send('ListUsers', {}, { signal: controller.signal }),
      (error: IamError) => error.code === 'AbortError' && !error.retryable,
    );
  });
});

describe('clock skew', () => {
  const hour = 60 * 60 * 1000;
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer({
      secrets: { [credentials.accessKeyId]: credentials.secretAccessKey },
      now: () => Date.now() + hour,
      fallback: { body: emptyUsers },
    });
  });
  after(() => server.close());

  it('learns the offset from the Date header, retries once and keeps it', async () => {
    const iam = new IamClient({
      endpoint: server.url,
      credentials,
      env: NO_SHARED_FILES,
      maxAttempts: 1,
    });
    const start = server.requests.length;
    await iam.send('ListUsers');

    const [refused, accepted] = server.requests.slice(start);
    assert.equal(refused.verified?.code, 'SignatureDoesNotMatch');
    assert.deepEqual(accepted.verified, { ok: true });
    assert.ok(Math.abs(iam.clockOffsetMs - hour) < 5_000, `offset ${iam.clockOffsetMs}`);

    await iam.send('ListUsers');
    const later = server.requests.at(-1)!;
    assert.deepEqual(later.verified, { ok: true });
    assert.equal(server.requests.length - start, 3);
    const amzDate = String(later.headers['x-amz-date']);
    const signedAt = Date.parse(
      amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    assert.ok(Math.abs(signedAt - (Date.now() + hour)) < 5_000);
  });

  it('does not loop when the skew cannot be fixed', async () => {
    const fixed = await startScriptedServer({ now: () => Date.now() + hour });
    try {
      const refuse = {
        status: 403,
        body: errorXml(
          'SignatureDoesNotMatch',
          'Signature expired: 20200101T000000Z is now earlier',
        ),
        headers: { date: new Date(Date.now() + hour).toUTCString() },
      };
      fixed.script(refuse, refuse, refuse);
      const iam = new IamClient({ endpoint: fixed.url, credentials, env: NO_SHARED_FILES });
      await assert.rejects(iam.send('ListUsers'), { code: 'SignatureDoesNotMatch' });
      assert.equal(fixed.requests.length, 2);
    } finally {
      await fixed.close();
    }
  });
});
