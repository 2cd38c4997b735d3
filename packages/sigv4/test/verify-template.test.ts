// Repeated request shapes are verified from a template (verify-template.ts). A template must never
// let a changed request through nor refuse a good one: requests of one shape signed at different
// times, with different bodies and header values, all verify; each with one signed part changed
// after signing is refused, whichever template the verifier holds at that moment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { presignUrl, signRequest, verifyRequest } from '../src/index.js';

const credentials = { accessKeyId: 'AKIDTEMPLATE', secretAccessKey: 'secret' };
const keys = new Map([[credentials.accessKeyId, { secretAccessKey: credentials.secretAccessKey }]]);
const dates = ['20200718T211159Z', '20200718T211200Z', '20200718T211201Z'];

const shapeArb = fc.record({
  presign: fc.boolean(),
  originForm: fc.boolean(),
  path: fc.constantFrom('/', '/a/b', '/a%20b/./c', '/20200718T211159Z'),
  query: fc.constantFrom('', 'Action=ListUsers&Version=2010-05-08', 'd=20200718T211200Z&a=1'),
  contentType: fc.constantFrom(undefined, 'application/x-www-form-urlencoded; charset=utf-8'),
  runs: fc.array(
    fc.record({
      date: fc.constantFrom(...dates),
      body: fc.constantFrom('', 'Action=ListUsers', 'Action=GetUser&UserName=a'),
      meta: fc.constantFrom('one', 'two', '20200718T211159Z'),
      tamper: fc.constantFrom('body', 'meta', 'date', 'signature', 'path'),
    }),
    { minLength: 4, maxLength: 8 },
  ),
});

type Shape = typeof shapeArb extends fc.Arbitrary<infer T> ? T : never;
type Run = Shape['runs'][number];
interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function signed(shape: Shape, run: Run): Received {
  const url = `https://iam.amazonaws.com${shape.path}${shape.query ? '?' + shape.query : ''}`;
  const headers: Record<string, string> = { 'x-amz-meta-a': run.meta };
  if (shape.contentType) headers['content-type'] = shape.contentType;
  const options = { credentials, region: 'us-east-1', service: 'iam', date: run.date };
  if (shape.presign) {
    const p = presignUrl({ url, headers }, { ...options, expiresIn: 300 });
    const target = shape.originForm ? p.url.slice('https://iam.amazonaws.com'.length) : p.url;
    return { method: 'GET', url: target, headers: { host: 'iam.amazonaws.com', ...p.headers } };
  }
  const s = signRequest({ method: 'POST', url, headers, body: run.body }, options);
  const target = shape.originForm ? s.url.slice('https://iam.amazonaws.com'.length) : s.url;
  return { method: 'POST', url: target, headers: { ...s.headers }, body: run.body };
}

function tampered(request: Received, how: Run['tamper']): Received {
  const copy = { ...request, headers: { ...request.headers } };
  if (how === 'body') {
    if (request.body === undefined) copy.headers['x-amz-meta-a'] += 'x';
    else copy.body = request.body + 'x';
  } else if (how === 'meta') copy.headers['x-amz-meta-a'] += 'x';
  else if (how === 'date') {
    if (copy.headers['x-amz-date'] !== undefined) copy.headers['x-amz-date'] = '20200718T211202Z';
    else
      copy.url = copy.url.replace(
        /(X-Amz-Date=\d{8}T\d{5})(\d)/,
        (_, p, d) => p + (d === '0' ? '1' : '0'),
      );
  } else if (how === 'signature') {
    copy.url = copy.url.replace(/(X-Amz-Signature=)(.)/, (_, p, c) => p + (c === '0' ? '1' : '0'));
    if (copy.headers.authorization !== undefined) {
      copy.headers.authorization = copy.headers.authorization.replace(
        /(Signature=)(.)/,
        (_, p, c) => p + (c === '0' ? '1' : '0'),
      );
    }
  } else {
    copy.url = copy.url.startsWith('/')
      ? '/x' + copy.url.slice(1)
      : copy.url.replace('.com/', '.com/x');
  }
  return copy;
}

const options = {
  lookupCredentials: (id: string) => keys.get(id),
  service: 'iam',
  region: 'us-east-1',
  now: new Date('2020-07-18T21:12:00Z'),
};

describe('verifying a repeated request shape', () => {
  it('accepts every good request and refuses every changed one, 500 random shapes', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        for (const run of shape.runs) {
          const good = signed(shape, run);
          const result = verifyRequest(good, options);
          assert.equal(result.ok, true, JSON.stringify({ good, result }));
          const bad = tampered(good, run.tamper);
          const refused = verifyRequest(bad, options);
          assert.equal(refused.ok, false, JSON.stringify({ bad, tamper: run.tamper }));
          // The good request again, after the changed one: still accepted.
          assert.equal(verifyRequest(good, options).ok, true);
        }
      }),
      { numRuns: 500, seed: 20261203 },
    );
  });

  it('gives the same canonical request in a refusal as the full path', () => {
    const good = signed(
      { presign: false, originForm: true, path: '/', query: '', contentType: undefined, runs: [] },
      { date: dates[0], body: 'Action=ListUsers', meta: 'one', tamper: 'body' },
    );
    const withCanonical = { ...options, includeCanonicalInError: true };
    const messages = [];
    for (let i = 0; i < 4; i++) {
      const result = verifyRequest({ ...good, body: 'Action=ListUsers&x' }, withCanonical);
      assert.equal(result.ok, false);
      messages.push(result.ok ? '' : result.message);
    }
    assert.equal(new Set(messages).size, 1);
    assert.match(messages[0], /x-amz-date:20200718T211159Z/);
  });
});
