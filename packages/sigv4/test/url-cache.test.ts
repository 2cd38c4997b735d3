import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presignUrl, signRequest, type SignOptions } from '../src/index.js';

// The signer keeps the last parsed URL strings. A fragment is never signed, so the same URL
// with a fresh fragment is a cache miss that must read the same: compare the two for every
// option that changes how the URL is read.
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const date = '20150830T123600Z';
const urls = [
  'https://example.amazonaws.com/a%20b/./c//d/..?x=a+b&y=%2f&y=1&z',
  'https://bucket.s3.amazonaws.com/key%2Fwith//slashes/../x?list-type=2&prefix=a+b',
];
const variants: Partial<SignOptions>[] = [
  {},
  { queryPlus: 'literal' },
  { pathEncoding: 'single' },
  { pathNormalization: 'none' },
  { pathEncoding: 'single', pathNormalization: 'none', queryPlus: 'literal' },
  { service: 's3', region: 'us-east-1' },
];

let misses = 0;
const fresh = (url: string) => `${url}#miss-${misses++}`;

describe('signing the same URL string again', () => {
  it('gives what an uncached read gives, whatever the options, in any order', () => {
    for (let round = 0; round < 3; round++) {
      for (const url of urls) {
        for (const variant of round === 1 ? variants.slice().reverse() : variants) {
          const options = { credentials, date, region: 'us-east-1', service: 'svc', ...variant };
          const fromString = signRequest({ url }, options).explanation;
          const uncached = signRequest({ url: fresh(url) }, options).explanation;
          assert.equal(
            fromString.canonicalRequest,
            uncached.canonicalRequest,
            JSON.stringify(variant),
          );
          const presigned = presignUrl({ url }, options).explanation.canonicalRequest;
          assert.equal(
            presigned,
            presignUrl({ url: fresh(url) }, options).explanation.canonicalRequest,
          );
        }
      }
    }
  });

  it('is not changed by a caller editing an earlier result or request', () => {
    const url = 'https://example.amazonaws.com/p?b=2&a=1';
    const request = { url, query: { c: '3' } };
    const first = signRequest(request, { credentials, date, region: 'r', service: 's' });
    first.headers.host = 'evil.example';
    first.explanation.canonicalRequestParts.canonicalQuery = 'tampered';
    const again = signRequest({ url }, { credentials, date, region: 'r', service: 's' });
    assert.equal(again.explanation.canonicalRequestParts.canonicalQuery, 'a=1&b=2');
    assert.equal(again.headers.host, 'example.amazonaws.com');
  });
});
