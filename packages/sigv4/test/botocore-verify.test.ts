// Requests signed by botocore (SigV4Auth, SigV4QueryAuth) verify; the same requests with one
// random one-byte mutation are refused. python3 is spawned once with the whole batch.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { verifyRequest, type VerifyOptions } from '../src/index.js';
import { mutationsOf, toVerifiable, type WireRequest } from './verify-mutations.js';

const oracle = fileURLToPath(new URL('./oracles/botocore_sign.py', import.meta.url));
const SECRET = 'botocore/ORACLE+secret0123456789';
const RESERVED = "!$&'()*+,;=:@";

function botocoreAvailable(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
  if (probe.error) return 'python3 is not installed';
  if (probe.status !== 0) return 'botocore is not installed for python3';
  return undefined;
}
const missing = botocoreAvailable();
if (missing !== undefined && process.env.CI === 'true') {
  throw new Error(`botocore oracle required in CI: ${missing}`);
}

const char = fc.oneof(
  fc.constantFrom(...'abcXYZ019-_.~ /%?#&=+'.split(''), ...RESERVED.split('')),
  fc.constantFrom('é', 'ሴ', '€', '😀'),
);
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(''));
// Wire path segments: fully encoded, or with reserved characters left as they are. botocore and
// RFC 3986 differ on a trailing `.`/`..` segment, so dot segments stay out of this oracle.
const segment = fc.oneof(
  text(8)
    .filter((s) => s !== '')
    .map((s) => encodeURIComponent(s)),
  fc.constantFrom(...RESERVED.split('')).map((c) => 'k' + c + 'v'),
);
const headerValue = fc
  .array(fc.oneof(fc.constantFrom('a', 'Z', '9', ';', '"', '/'), fc.constantFrom(' ', '   ')), {
    maxLength: 12,
  })
  .map((cs) => cs.join(''));

const specArb = fc
  .record({
    mode: fc.constantFrom('header', 'query'),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    service: fc.constantFrom('iam', 'sts', 'execute-api', 'sqs'),
    region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-south-2'),
    segments: fc.array(segment, { maxLength: 4 }),
    query: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'Action', 'x y', 'é', ''), text(10)), {
      maxLength: 4,
    }),
    headers: fc.array(
      fc.tuple(fc.constantFrom('x-amz-meta-a', 'X-Amz-Meta-B', 'x-custom', 'X-Thing'), headerValue),
      { maxLength: 4 },
    ),
    body: text(20),
    sessionToken: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{1,40}$/), { nil: null }),
    timestamp: fc.integer({ min: 1_420_070_400, max: 2_051_222_400 }),
    expires: fc.integer({ min: 1, max: 604800 }),
    pick: fc.nat(),
  })
  .map((s) => {
    const query = s.mode === 'query' ? uniqueNames(s.query.filter(([k]) => k !== '')) : s.query;
    return {
      ...s,
      base: `https://${s.service}.${s.region}.amazonaws.com/${s.segments.join('/')}`,
      query,
      // SigV4QueryAuth moves a body into the query; presigned requests here carry none.
      body: s.mode === 'query' ? '' : s.body,
      accessKeyId: 'AKIDBOTOCORE',
      secretAccessKey: SECRET,
    };
  });

function uniqueNames(pairs: [string, string][]): [string, string][] {
  const seen = new Set<string>();
  return pairs.filter(([k]) => !seen.has(k) && Boolean(seen.add(k)));
}

interface Signed {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
}

describe('verify: requests signed by botocore', { skip: missing }, () => {
  const specs = fc.sample(specArb, { seed: 4242, numRuns: 1200 });
  const run = spawnSync('python3', [oracle], {
    input: JSON.stringify(specs),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const signed: Signed[] = run.status === 0 ? JSON.parse(run.stdout) : [];

  it('the oracle signed the whole batch', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(signed.length, specs.length);
    assert.ok(specs.filter((s) => s.mode === 'query').length > 400);
    assert.ok(specs.filter((s) => s.sessionToken !== null).length > 400);
  });

  it('every request verifies, and one random mutation of each is refused', () => {
    specs.forEach((spec, i) => {
      const s = signed[i];
      const origin = /^https:\/\/[^/]+/.exec(s.url)?.[0] as string;
      const wire: WireRequest = {
        method: s.method,
        target: s.url.slice(origin.length),
        headers: [['host', origin.slice('https://'.length)], ...s.headers],
        body: s.body,
      };
      const options: VerifyOptions = {
        lookupCredentials: (id) =>
          id === spec.accessKeyId
            ? { secretAccessKey: SECRET, sessionToken: spec.sessionToken ?? undefined }
            : undefined,
        service: spec.service,
        region: spec.region,
        now: new Date(spec.timestamp * 1000 + 1000),
      };
      const result = verifyRequest(toVerifiable(wire), options);
      assert.ok(result.ok, `request ${i}: ${result.ok ? '' : result.code + ': ' + result.message}`);
      assert.equal(result.mode, spec.mode);

      const mutations = mutationsOf(wire);
      const mutation = mutations[spec.pick % mutations.length];
      const mutated = verifyRequest(toVerifiable(mutation.request), options);
      assert.equal(mutated.ok, false, `request ${i}: mutation "${mutation.name}" was accepted`);
      if (!mutated.ok) {
        assert.ok(
          mutation.codes.includes(mutated.code),
          `request ${i}, mutation "${mutation.name}": ${mutated.code} (${mutated.message})`,
        );
      }
    });
  });
});
