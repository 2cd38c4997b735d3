// Every request of AWS's official SigV4 suites verifies, header and query mode, and each one-byte
// mutation of a signed part is refused with the code AWS answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  presignUrl,
  verifyRequest,
  verifyRequestAsync,
  type VerifyOptions,
  type VerifyResult,
} from '../src/index.js';
import {
  LEGACY_CREDENTIALS,
  LEGACY_TOKEN,
  headerLines,
  loadLegacyCases,
  loadV4Cases,
  parseRawRequest,
  type V4Case,
} from './official-suite.js';
import { mutationsOf, toVerifiable, type WireRequest } from './verify-mutations.js';

const SUITE_TIME = new Date('2015-08-30T12:36:00Z');

function wireOf(signedRequestText: string): WireRequest {
  const raw = parseRawRequest(signedRequestText);
  return { method: raw.method, target: raw.path, headers: raw.headers, body: raw.body };
}

function v4Options(c: V4Case): VerifyOptions {
  const ctx = c.context;
  return {
    lookupCredentials: (id) =>
      id === ctx.credentials.access_key_id
        ? {
            secretAccessKey: ctx.credentials.secret_access_key,
            sessionToken: ctx.credentials.token,
          }
        : undefined,
    service: ctx.service,
    region: ctx.region,
    now: SUITE_TIME,
    pathNormalization: ctx.normalize ? 'normalize' : 'none',
    includeCanonicalInError: true,
  };
}

type Verify = (wire: WireRequest, options: VerifyOptions) => Promise<VerifyResult>;
const backends: [string, Verify][] = [
  ['node', async (w, o) => verifyRequest(toVerifiable(w), o)],
  ['web', (w, o) => verifyRequestAsync(toVerifiable(w), o)],
];

async function assertValid(verify: Verify, wire: WireRequest, options: VerifyOptions) {
  const result = await verify(wire, options);
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.message}`);
  return result;
}

async function assertMutationsRefused(verify: Verify, wire: WireRequest, options: VerifyOptions) {
  for (const mutation of mutationsOf(wire)) {
    const result = await verify(mutation.request, options);
    assert.equal(result.ok, false, `mutation "${mutation.name}" was accepted`);
    if (!result.ok) {
      assert.ok(
        mutation.codes.includes(result.code),
        `mutation "${mutation.name}": got ${result.code} (${result.message}), ` +
          `expected ${mutation.codes.join(' or ')}`,
      );
    }
  }
}

const v4Cases = loadV4Cases();
const legacyCases = loadLegacyCases();

for (const [backend, verify] of backends) {
  describe(`verify: official v4 suite (${backend})`, () => {
    for (const c of v4Cases) {
      it(`${c.name}, header mode`, async () => {
        const wire = wireOf(c.header.signedRequest);
        const result = await assertValid(verify, wire, v4Options(c));
        assert.equal(result.ok && result.mode, 'header');
        assert.equal(result.ok && result.sessionToken, c.context.credentials.token !== undefined);
        await assertMutationsRefused(verify, wire, v4Options(c));
      });
      it(`${c.name}, query mode`, async () => {
        const wire = wireOf(c.query.signedRequest);
        const result = await assertValid(verify, wire, v4Options(c));
        assert.equal(result.ok && result.mode, 'query');
        await assertMutationsRefused(verify, wire, v4Options(c));
      });
    }
  });

  describe(`verify: official legacy suite (${backend})`, () => {
    for (const c of legacyCases) {
      const token =
        c.name === 'post-sts-header-before' || c.name === 'post-sts-header-after'
          ? LEGACY_TOKEN
          : headerLines(c.signedRequest).find(([n]) => n === 'x-amz-security-token')?.[1];
      const options: VerifyOptions = {
        lookupCredentials: (id) =>
          id === LEGACY_CREDENTIALS.accessKeyId
            ? { secretAccessKey: LEGACY_CREDENTIALS.secretAccessKey, sessionToken: token }
            : undefined,
        service: 'service',
        region: 'us-east-1',
        now: SUITE_TIME,
      };

      it(`${c.name}, header mode`, async () => {
        const wire = wireOf(c.signedRequest);
        // The suite's .authz is authoritative: one .sreq (get-vanilla-with-session-token) carries
        // another case's signature, while its .authz matches its .creq and .sts.
        wire.headers = wire.headers.map(([n, v]) =>
          n.toLowerCase() === 'authorization' ? [n, c.authorization] : [n, v],
        );
        await assertValid(verify, wire, options);
        await assertMutationsRefused(verify, wire, options);
      });

      it(`${c.name}, query mode (presigned here)`, async () => {
        const host = c.request.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
        const presigned = presignUrl(
          {
            method: c.request.method,
            url: `https://${host}${c.request.path}`,
            headers: c.request.headers,
            body: c.request.body,
          },
          {
            credentials: { ...LEGACY_CREDENTIALS, sessionToken: token },
            region: 'us-east-1',
            service: 'service',
            date: SUITE_TIME,
            expiresIn: 3600,
          },
        );
        const wire: WireRequest = {
          method: presigned.method,
          target: presigned.url.slice(`https://${host}`.length),
          // The presigner moves the date into the query; the request sends no X-Amz-Date.
          headers: c.request.headers.filter(([n]) => n.toLowerCase() !== 'x-amz-date'),
          body: c.request.body,
        };
        await assertValid(verify, wire, options);
        await assertMutationsRefused(verify, wire, options);
      });
    }
  });
}

describe('verify: a mismatch explains itself when asked', () => {
  it('appends the canonical request and string to sign as AWS Query services do', () => {
    const c = v4Cases.find((x) => x.name === 'get-vanilla') as V4Case;
    const wire = wireOf(c.header.signedRequest);
    const bad = mutationsOf(wire).find((m) => m.name === 'signature')?.request as WireRequest;
    const result = verifyRequest(toVerifiable(bad), v4Options(c));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.status, 403);
    assert.equal(result.canonicalRequest, c.header.canonicalRequest);
    assert.equal(result.stringToSign, c.header.stringToSign);
    assert.ok(
      result.message.endsWith(
        "\n\nThe Canonical String for this request should have been\n'" +
          c.header.canonicalRequest +
          "'\n\nThe String-to-Sign should have been\n'" +
          c.header.stringToSign +
          "'\n",
      ),
    );
    const quiet = verifyRequest(toVerifiable(bad), {
      ...v4Options(c),
      includeCanonicalInError: false,
    });
    assert.equal(quiet.ok === false && quiet.canonicalRequest, undefined);
  });
});
