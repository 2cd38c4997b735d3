// Garbage in, an answer out: the verifier never throws, whatever it is given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  SigV4Error,
  presignUrl,
  signRequest,
  verifyRequest,
  verifyRequestAsync,
  type VerifiableRequest,
  type VerifyOptions,
} from '../src/index.js';

const credentials = { accessKeyId: 'AKIDGARBAGE', secretAccessKey: 'secret/GARBAGE' };
const SIGNED_AT = new Date('2020-07-18T21:11:59Z');
const url = 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08';
const options: VerifyOptions = {
  lookupCredentials: (id) => (id === credentials.accessKeyId ? credentials : undefined),
  service: 'iam',
  region: 'us-east-1',
  now: SIGNED_AT,
};

function headerSigned(): VerifiableRequest {
  const s = signRequest(
    { method: 'POST', url },
    { credentials, region: 'us-east-1', service: 'iam', date: SIGNED_AT },
  );
  return { method: s.method, url: s.url, headers: s.headers };
}

function presigned(): VerifiableRequest {
  const p = presignUrl(
    { url },
    { credentials, region: 'us-east-1', service: 'iam', date: SIGNED_AT, expiresIn: 60 },
  );
  return { method: 'GET', url: p.url, headers: {} };
}

describe('verify: garbage in, an answer out', () => {
  const neverThrows = async (request: unknown, opts: unknown = options) => {
    const sync = verifyRequest(request as VerifiableRequest, opts as VerifyOptions);
    const async_ = await verifyRequestAsync(request as VerifiableRequest, opts as VerifyOptions);
    for (const result of [sync, async_]) {
      assert.equal(typeof result.ok, 'boolean');
      if (!result.ok) assert.ok(result.code.length > 0 && result.status >= 400);
    }
    return sync;
  };

  it('answers random bytes as header values and paths', async () => {
    const bytes = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1'));
    await fc.assert(
      fc.asyncProperty(bytes, bytes, bytes, async (value, path, auth) => {
        const r = headerSigned();
        await neverThrows({ ...r, headers: { ...(r.headers as object), 'x-amz-meta-z': value } });
        await neverThrows({ ...r, url: '/' + path, headers: { host: value, authorization: auth } });
        await neverThrows({ method: value, url: 'https://h/' + path, headers: [[value, value]] });
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('answers a 64 KiB Authorization header', async () => {
    const huge = 'AWS4-HMAC-SHA256 Credential=' + 'A/'.repeat(32768);
    const result = await neverThrows({ method: 'GET', url, headers: { authorization: huge } });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.message.length < 1024);
  });

  it('answers duplicated X-Amz-* parameters, malformed escapes and non-UTF-8 paths', async () => {
    const p = presigned();
    for (const name of [
      'X-Amz-Signature',
      'X-Amz-Credential',
      'X-Amz-Algorithm',
      'X-Amz-Expires',
    ]) {
      const r = await neverThrows({ ...p, url: p.url + `&${name}=x` });
      assert.equal(!r.ok && r.code, 'AuthorizationQueryParametersError');
    }
    for (const path of ['/%', '/%zz', '/%C3%28', '/%ED%A0%80', '/a%2', '/\ud800']) {
      const r = headerSigned();
      const target = r.url.replace('https://iam.amazonaws.com/', path);
      assert.equal((await neverThrows({ ...r, url: target })).ok, false);
    }
  });

  it('answers nonsense requests and options', async () => {
    for (const request of [null, undefined, 1, 'x', {}, { url: 5 }, { url: 'nope', headers: 3 }]) {
      await neverThrows(request);
    }
    const throwing = {
      ...options,
      lookupCredentials: () => {
        throw new Error('db down');
      },
    };
    const failed = await neverThrows(headerSigned(), throwing);
    assert.equal(!failed.ok && failed.code, 'InternalFailure');
    assert.equal(!failed.ok && failed.status, 500);
    await neverThrows(headerSigned(), { ...options, lookupCredentials: () => 'secret' });
  });

  it("keeps a key store's error out of the message, as the cause for the operator", () => {
    const leak = new Error('db down password=hunter2');
    const failed = verifyRequest(headerSigned(), {
      ...options,
      lookupCredentials: () => {
        throw leak;
      },
    });
    assert.equal(failed.ok, false);
    assert.ok(!failed.ok && !failed.message.includes('hunter2'));
    assert.equal(!failed.ok && failed.cause, leak);
  });

  it('throws InvalidOption for unusable options: a server bug, not a bad request', async () => {
    const bad: unknown[] = [
      null,
      { ...options, region: [] },
      { ...options, service: '' },
      { credentials: [], service: 'iam', region: 'us-east-1' },
    ];
    for (const settings of bad) {
      assert.throws(
        () => verifyRequest(headerSigned(), settings as never),
        (e: unknown) => e instanceof SigV4Error && e.code === 'InvalidOption',
      );
      await assert.rejects(
        verifyRequestAsync(headerSigned(), settings as never),
        (e: unknown) => e instanceof SigV4Error && e.code === 'InvalidOption',
      );
    }
  });
});
