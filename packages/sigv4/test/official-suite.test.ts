import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  presignUrl,
  presignUrlAsync,
  signRequest,
  signRequestAsync,
  parseQuery,
  type PresignOptions,
  type SignableRequest,
} from '../src/index.js';
import {
  LEGACY_CREDENTIALS,
  LEGACY_TOKEN,
  headerLines,
  loadLegacyCases,
  loadV4Cases,
  type V4Case,
} from './official-suite.js';

const v4Cases = loadV4Cases();
const legacyCases = loadLegacyCases();

function v4Input(c: V4Case): { request: SignableRequest; options: PresignOptions } {
  const ctx = c.context;
  const host = c.request.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
  return {
    request: {
      method: c.request.method,
      url: `https://${host}${c.request.path}`,
      headers: c.request.headers,
      body: c.request.body,
    },
    options: {
      credentials: {
        accessKeyId: ctx.credentials.access_key_id,
        secretAccessKey: ctx.credentials.secret_access_key,
        sessionToken: ctx.credentials.token,
      },
      region: ctx.region,
      service: ctx.service,
      date: ctx.timestamp,
      pathNormalization: ctx.normalize ? 'normalize' : 'none',
      pathEncoding: 'double',
      contentSha256Header: ctx.sign_body ? 'include' : 'omit',
      sessionToken: ctx.omit_session_token ? 'appended' : 'signed',
      expiresIn: ctx.expiration_in_seconds,
      keyCache: false,
    },
  };
}

function queryParams(url: string): Map<string, string> {
  const query = url.slice(url.indexOf('?') + 1);
  return new Map(parseQuery(query, 'literal'));
}

function expectedQueryParams(signedRequestText: string): Map<string, string> {
  const line = signedRequestText.split('\n')[0];
  const target = line.slice(line.indexOf(' ') + 1).replace(/ HTTP\/1\.1$/, '');
  return queryParams(target);
}

for (const backend of ['node', 'web'] as const) {
  const sign =
    backend === 'node'
      ? async (r: SignableRequest, o: PresignOptions) => signRequest(r, o)
      : signRequestAsync;
  const presign =
    backend === 'node'
      ? async (r: SignableRequest, o: PresignOptions) => presignUrl(r, o)
      : presignUrlAsync;

  describe(`official v4 suite, header mode (${backend} crypto)`, () => {
    for (const c of v4Cases) {
      it(c.name, async () => {
        const { request, options } = v4Input(c);
        const signed = await sign(request, options);
        assert.equal(signed.explanation.canonicalRequest, c.header.canonicalRequest);
        assert.equal(signed.explanation.stringToSign, c.header.stringToSign);
        assert.equal(signed.explanation.signature, c.header.signature);

        const expected = headerLines(c.header.signedRequest)
          .map(([n, v]) => `${n}:${v}`)
          .sort();
        const actual = Object.entries(signed.headers)
          .map(([n, v]) => `${n}:${v}`)
          .sort();
        // The suite keeps folded and repeated header values as they were written; we send the
        // canonical value, so compare names, and values of the headers the signer adds.
        assert.deepEqual(
          actual.map((l) => l.split(':')[0]),
          [...new Set(expected.map((l) => l.split(':')[0]))],
        );
        for (const name of [
          'authorization',
          'x-amz-date',
          'x-amz-security-token',
          'x-amz-content-sha256',
        ]) {
          const line = expected.find((l) => l.startsWith(name + ':'));
          if (line) assert.equal(`${name}:${signed.headers[name]}`, line, name);
        }
      });
    }
  });

  describe(`official v4 suite, query mode (${backend} crypto)`, () => {
    for (const c of v4Cases) {
      it(c.name, async () => {
        const { request, options } = v4Input(c);
        // In query mode the suite signs the body's hash without adding x-amz-content-sha256.
        options.contentSha256Header = 'omit';
        const presigned = await presign(request, options);
        assert.equal(presigned.explanation.canonicalRequest, c.query.canonicalRequest);
        assert.equal(presigned.explanation.stringToSign, c.query.stringToSign);
        assert.equal(presigned.explanation.signature, c.query.signature);
        assert.deepEqual(queryParams(presigned.url), expectedQueryParams(c.query.signedRequest));
        assert.match(presigned.url, /&X-Amz-Signature=[0-9a-f]{64}(&X-Amz-Security-Token=[^&]+)?$/);
      });
    }
  });

  describe(`official legacy suite (${backend} crypto)`, () => {
    for (const c of legacyCases) {
      it(c.name, async () => {
        const host = c.request.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
        const before = c.name === 'post-sts-header-before';
        const after = c.name === 'post-sts-header-after';
        // This case's token is given only in its signed request (.sreq).
        const ownToken = headerLines(c.signedRequest).find(([n]) => n === 'x-amz-security-token');
        const token = before || after ? LEGACY_TOKEN : ownToken?.[1];
        const signed = await sign(
          {
            method: c.request.method,
            url: `https://${host}${c.request.path}`,
            headers: c.request.headers,
            body: c.request.body,
          },
          {
            credentials: { ...LEGACY_CREDENTIALS, sessionToken: token },
            sessionToken: after ? 'appended' : 'signed',
            region: 'us-east-1',
            service: 'service',
            date: '20150830T123600Z',
          },
        );
        assert.equal(signed.explanation.canonicalRequest, c.canonicalRequest);
        assert.equal(signed.explanation.stringToSign, c.stringToSign);
        assert.equal(signed.headers.authorization, c.authorization);
      });
    }
  });
}

describe('official suites are all present', () => {
  it('has 38 v4 cases and 34 legacy cases', () => {
    assert.equal(v4Cases.length, 38);
    assert.equal(legacyCases.length, 34);
  });
});
