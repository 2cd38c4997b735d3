// Property: whatever our signer signs, the verifier accepts; any one-byte change to a signed part
// is refused with AWS's code. 10,000 seeded random requests, header and query mode.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  SigningKeyCache,
  presignUrl,
  signRequest,
  uriEncode,
  verifyRequest,
  type VerifyOptions,
} from '../src/index.js';
import { mutationsOf, toVerifiable, type WireRequest } from './verify-mutations.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const RESERVED = "!$&'()*+,;=:@";

const char = fc.oneof(
  fc.constantFrom(...'abcXYZ019-_.~ /%?#&=+'.split(''), ...RESERVED.split('')),
  fc.constantFrom('é', 'ሴ', '€', '😀', '\u00a0'),
);
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(''));

// A path segment as it goes on the wire: encoded, reserved characters sometimes left as they are,
// sometimes a malformed or non-UTF-8 escape.
const segment = fc.oneof(
  { weight: 6, arbitrary: text(8).map((s) => encodeURIComponent(s)) },
  { weight: 2, arbitrary: fc.constantFrom(...RESERVED.split('')).map((c) => 'a' + c + 'b') },
  { weight: 1, arbitrary: fc.constantFrom('%zz', '%C3', '%e2%82', '.', '..', '') },
);
const path = fc.array(segment, { maxLength: 5 }).map((s) => '/' + s.join('/'));

const queryPair = fc.tuple(
  fc.constantFrom('a', 'b', 'Action', 'x y', 'é', ''),
  fc.oneof(text(10), fc.constant('')),
);
const headerValue = fc
  .array(fc.oneof(fc.constantFrom('a', 'Z', '9', ';', '"', '/'), fc.constantFrom(' ', '   ')), {
    maxLength: 12,
  })
  .map((cs) => cs.join(''));
const header = fc.tuple(
  fc.constantFrom('x-amz-meta-a', 'X-Amz-Meta-B', 'x-custom', 'content-type', 'X-Thing'),
  headerValue,
);

const requestArb = fc.record({
  mode: fc.constantFrom('header' as const, 'query' as const),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
  service: fc.constantFrom('iam', 'sts', 'execute-api', 's3'),
  region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-south-2'),
  path,
  query: fc.array(queryPair, { maxLength: 4 }),
  headers: fc.array(header, { maxLength: 4 }),
  body: fc.oneof(fc.constant(''), text(20)),
  sessionToken: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{1,40}$/), { nil: undefined }),
  epochSeconds: fc.integer({ min: 1_420_070_400, max: 2_051_222_400 }),
  expiresIn: fc.integer({ min: 1, max: 604800 }),
  clockOffset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
  pick: fc.nat(),
});

type Case = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

const keyCache = new SigningKeyCache(256);

function signed(c: Case): { wire: WireRequest; now: Date } {
  const host = `${c.service}.${c.region}.amazonaws.com`;
  const query = c.query.map(([k, v]) => uriEncode(k) + '=' + uriEncode(v)).join('&');
  const url = `https://${host}${c.path}${query ? '?' + query : ''}`;
  const credentials = {
    accessKeyId: 'AKIDPROPERTY',
    secretAccessKey: SECRET,
    sessionToken: c.sessionToken,
  };
  const date = new Date(c.epochSeconds * 1000);
  const request = { method: c.method, url, headers: c.headers, body: c.body };
  const options = { credentials, region: c.region, service: c.service, date, keyCache };

  if (c.mode === 'header') {
    const s = signRequest(request, options);
    return {
      wire: {
        method: s.method,
        target: s.url.slice(`https://${host}`.length),
        headers: Object.entries(s.headers),
        body: c.body,
      },
      now: new Date(date.getTime() + c.clockOffset * 1000),
    };
  }
  const p = presignUrl(request, { ...options, expiresIn: c.expiresIn });
  return {
    wire: {
      method: p.method,
      target: p.url.slice(`https://${host}`.length),
      headers: [['host', host], ...Object.entries(p.headers)],
      body: c.body,
    },
    now: new Date(date.getTime() + Math.floor(((c.pick % 1000) / 1000) * c.expiresIn) * 1000),
  };
}

function optionsFor(c: Case, now: Date): VerifyOptions {
  return {
    lookupCredentials: (id) =>
      id === 'AKIDPROPERTY' ? { secretAccessKey: SECRET, sessionToken: c.sessionToken } : undefined,
    service: c.service,
    region: [c.region, 'us-west-2'],
    now,
  };
}

describe('verify: property over 10,000 requests we sign', () => {
  it('accepts every signed request and refuses every one-byte mutation', () => {
    fc.assert(
      fc.property(requestArb, (c) => {
        const { wire, now } = signed(c);
        const options = optionsFor(c, now);
        const result = verifyRequest(toVerifiable(wire), options);
        assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.message}`);
        assert.equal(result.mode, c.mode);
        assert.equal(result.sessionToken, c.sessionToken !== undefined);

        // A presigned S3 URL leaves the body unsigned: changing it must still verify.
        const unsignedBody = c.mode === 'query' && c.service === 's3';
        const mutations = mutationsOf(wire).filter((m) => !(unsignedBody && m.name === 'body'));
        const mutation = mutations[c.pick % mutations.length];
        const mutated = verifyRequest(toVerifiable(mutation.request), options);
        assert.equal(mutated.ok, false, `mutation "${mutation.name}" was accepted`);
        if (!mutated.ok) {
          assert.ok(
            mutation.codes.includes(mutated.code),
            `mutation "${mutation.name}": ${mutated.code} (${mutated.message})`,
          );
        }
      }),
      { seed: 20200718, numRuns: 10_000 },
    );
  });
});
