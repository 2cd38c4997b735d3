// Repeated request shapes are signed from a template (signing-template.ts). Whatever the shape,
// a signature from a template must equal the one the full path gives for the same input: the
// full path is forced here with an empty `query` option, which adds nothing to the request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  presignUrl,
  signRequest,
  uriEncode,
  type PresignOptions,
  type SignableRequest,
} from '../src/index.js';

const RESERVED = "!$&'()*+,;=:@";
const char = fc.oneof(
  fc.constantFrom(...'abcXYZ019-_.~ /%?#&=+'.split(''), ...RESERVED.split('')),
  fc.constantFrom('é', '€', '😀'),
);
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(''));
const segment = fc.oneof(
  text(6).map((s) => encodeURIComponent(s)),
  fc.constantFrom('.', '..', '', '%zz', '20150830T123600Z', '20200718T211159Z'),
);
const dates = ['20150830T123600Z', '20150830T123601Z', '20200718T211159Z', '20991231T235959Z'];

const shapeArb = fc.record({
  presign: fc.boolean(),
  method: fc.constantFrom('GET', 'post', 'PUT'),
  service: fc.constantFrom('iam', 'sts', 's3'),
  path: fc.array(segment, { maxLength: 4 }).map((s) => '/' + s.join('/')),
  query: fc.array(
    fc.tuple(
      fc.constantFrom('a', 'Action', 'X-Amz-Date', 'x-amz-date', 'é'),
      fc.oneof(text(8), fc.constantFrom(...dates)),
    ),
    { maxLength: 4 },
  ),
  headers: fc.array(
    fc.tuple(
      fc.constantFrom('x-amz-meta-a', 'Content-Type', 'X-Amz-Date', 'x-amz-content-sha256', 'Host'),
      fc.oneof(
        fc.constantFrom('a  b', 'é', 'UNSIGNED-PAYLOAD', 'h.example'),
        fc.constantFrom(...dates),
      ),
    ),
    { maxLength: 3 },
  ),
  sessionToken: fc.option(fc.constantFrom('token/1+=', 'T2'), { nil: undefined }),
  tokenMode: fc.constantFrom('signed' as const, 'appended' as const),
  pathEncoding: fc.constantFrom(undefined, 'single' as const),
  queryPlus: fc.constantFrom(undefined, 'literal' as const),
  // Each signature of the shape: a time and a body.
  runs: fc.array(fc.tuple(fc.constantFrom(...dates), fc.oneof(fc.constant(''), text(12))), {
    minLength: 3,
    maxLength: 6,
  }),
});

type Shape = typeof shapeArb extends fc.Arbitrary<infer T> ? T : never;

function sign(shape: Shape, date: string, body: string, fullPath: boolean) {
  const query = shape.query.map(([k, v]) => uriEncode(k) + '=' + uriEncode(v)).join('&');
  const request: SignableRequest = {
    method: shape.method,
    url: `https://${shape.service}.us-east-1.amazonaws.com${shape.path}${query ? '?' + query : ''}`,
    headers: shape.headers,
    body: shape.presign ? undefined : body,
  };
  if (fullPath) request.query = {};
  const options: PresignOptions = {
    credentials: {
      accessKeyId: 'AKIDTEMPLATE',
      secretAccessKey: 'secret',
      sessionToken: shape.sessionToken,
    },
    region: 'us-east-1',
    service: shape.service,
    date,
    sessionToken: shape.tokenMode,
    pathEncoding: shape.pathEncoding,
    queryPlus: shape.queryPlus,
    expiresIn: 30,
  };
  return shape.presign ? presignUrl(request, options) : signRequest(request, options);
}

describe('signing a repeated request shape', () => {
  it('gives what the full path gives, for 1,000 random shapes signed 3 to 6 times', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        for (const [date, body] of shape.runs) {
          let viaTemplate;
          let full;
          try {
            viaTemplate = sign(shape, date, body, false);
          } catch (error) {
            assert.throws(() => sign(shape, date, body, true), {
              message: (error as Error).message,
            });
            continue;
          }
          full = sign(shape, date, body, true);
          assert.deepEqual(viaTemplate, full);
        }
      }),
      { numRuns: 1000, seed: 20261203 },
    );
  });

  it('does not reuse a template once a header, the token or the scope changes', () => {
    const url = 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08';
    const credentials = { accessKeyId: 'AKIDTEMPLATE', secretAccessKey: 'secret' };
    const base = { credentials, date: '20200718T211159Z' };
    const variants = [
      { request: { url }, options: base },
      { request: { url, headers: { 'x-amz-meta-a': '1' } }, options: base },
      { request: { url, headers: { 'x-amz-meta-a': '2' } }, options: base },
      { request: { url, method: 'POST' }, options: base },
      { request: { url }, options: { ...base, region: 'eu-west-1' } },
      { request: { url }, options: { ...base, date: '20200719T000000Z' } },
      {
        request: { url },
        options: { ...base, credentials: { ...credentials, sessionToken: 'T' } },
      },
      { request: { url }, options: { ...base, pathEncoding: 'single' as const } },
    ];
    for (let round = 0; round < 3; round++) {
      for (const { request, options } of variants) {
        const signed = signRequest(request, options);
        const full = signRequest({ ...request, query: {} }, options);
        assert.deepEqual(signed, full);
        const presigned = presignUrl(request, { ...options, expiresIn: 60 });
        assert.deepEqual(
          presigned,
          presignUrl({ ...request, query: {} }, { ...options, expiresIn: 60 }),
        );
      }
    }
  });

  it('keeps a query value that happens to equal X-Amz-Date as it was', () => {
    const url = 'https://iam.amazonaws.com/?d=20200718T211159Z&Action=ListUsers';
    const credentials = { accessKeyId: 'AKIDTEMPLATE', secretAccessKey: 'secret' };
    for (const date of [
      '20200718T211159Z',
      '20200718T211200Z',
      '20200718T211159Z',
      '20200718T211201Z',
    ]) {
      const presigned = presignUrl({ url }, { credentials, date, expiresIn: 60 });
      assert.match(presigned.url, /[?&]d=20200718T211159Z&/);
      assert.match(presigned.url, new RegExp(`X-Amz-Date=${date}&`));
      assert.deepEqual(
        presigned,
        presignUrl({ url, query: {} }, { credentials, date, expiresIn: 60 }),
      );
    }
  });
});
