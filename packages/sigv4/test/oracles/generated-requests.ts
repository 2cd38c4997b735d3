// Generated requests for the differential test: the arbitraries, and how one sample becomes
// the same request for botocore and for us.
import fc from 'fast-check';
import { presignUrl, signRequest, type Explanation } from '../../src/index.js';
import type { BotocoreRequest } from './botocore.js';

function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

const character = fc.oneof(
  fc.constantFrom(...'abcXYZ0189-_.~'),
  fc.constantFrom(...' +%/?#&=!*\'();:@$,[]"<>\\^`{|}'),
  fc.constantFrom('é', 'ß', '日本', '😀', 'e\u0301', '\u00a0', 'Ω'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const text = (maxLength: number) => fc.string({ unit: character, maxLength });

const endpoints = fc.constantFrom(
  { host: 'iam.amazonaws.com', service: 'iam', region: 'us-east-1' },
  { host: 'IAM.AmazonAWS.com', service: 'iam', region: 'us-east-1' },
  { host: 'sts.eu-west-1.amazonaws.com', service: 'sts', region: 'eu-west-1' },
  {
    host: 'a1b2c3.execute-api.ap-south-1.amazonaws.com',
    service: 'execute-api',
    region: 'ap-south-1',
  },
  { host: 'iam.emulator.test:8443', service: 'iam', region: 'us-east-1' },
  { host: 'iam.amazonaws.com:443', service: 'iam', region: 'us-east-1' },
  { host: 'example-bucket.s3.us-west-2.amazonaws.com', service: 's3', region: 'us-west-2' },
  { host: 's3.amazonaws.com', service: 's3', region: 'us-east-1' },
  { host: 'objects.emulator.test:9000', service: 's3', region: 'eu-central-1' },
);

const segment = fc.oneof({ weight: 6, arbitrary: text(8) }, fc.constantFrom('.', '..', ''));
const pathSegments = fc.array(segment, { maxLength: 5 });

const queryName = fc.oneof(fc.constantFrom('Action', 'a', 'A', 'b', 'UserName', ''), text(6));
const queryParam = fc.record({ name: queryName, value: text(10), equals: fc.boolean() });

const headerName = fc.oneof(
  fc.constantFrom(
    'Content-Type',
    'X-Amz-Meta-Color',
    'x-amz-meta-color',
    'X-Amz-Target',
    'Accept',
    'If-Match',
    'Content-Language',
    'X-Custom',
  ),
  fc.stringMatching(/^x-[a-z0-9][a-z0-9-]{0,10}$/),
);
const headerPiece = fc.oneof(
  fc.stringMatching(/^[!-~]{1,8}$/),
  fc.constantFrom(' ', '   ', '\t', '\r\n ', '\n\t', ' \r\n  '),
);
const headerValue = fc.array(headerPiece, { maxLength: 6 }).map((pieces) => pieces.join(''));

const base64ish = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9+/=]{${min},${max}}$`));

/** One generated request, before it is written as a URL. */
export const generated = fc.record({
  mode: fc.constantFrom('header', 'query'),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'get', 'post'),
  scheme: fc.constantFrom('https', 'https', 'http'),
  endpoint: endpoints,
  segments: pathSegments,
  trailingSlash: fc.boolean(),
  params: fc.array(queryParam, { maxLength: 7 }),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  body: fc.option(text(40), { nil: undefined }),
  accessKeyId: fc.stringMatching(/^AKIA[A-Z0-9]{16}$/),
  secretAccessKey: base64ish(40, 40),
  sessionToken: fc.option(base64ish(16, 80), { nil: undefined }),
  date: fc.date({
    min: new Date('2001-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  expires: fc.integer({ min: 1, max: 604800 }),
});
export type Generated = typeof generated extends fc.Arbitrary<infer T> ? T : never;

/**
 * X-Amz-Date of a Date.
 *
 * @example amzDateOf(new Date(0)) // '19700101T000000Z'
 */
export function amzDateOf(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Our inputs and botocore's for one generated request, in the same wire form. */
export interface Pair {
  sample: Generated;
  botocore: BotocoreRequest;
  ours: () => Explanation;
}

/**
 * The same request for botocore and for us, every part in the same wire form.
 *
 * @example fc.sample(generated, { seed: 1, numRuns: 10 }).map(toPair)
 */
export function toPair(sample: Generated, index: number): Pair {
  const { endpoint, mode } = sample;
  const s3 = endpoint.service === 's3';

  // S3 keys keep `.`/`..` and empty segments as they are; other services normalize them. A
  // path ending in `.`/`..` is pinned separately (botocore drops the trailing slash there).
  let segments = s3 ? sample.segments.filter((s) => s !== '.' && s !== '..') : sample.segments;
  if (['.', '..'].includes(segments[segments.length - 1])) segments = [...segments, ''];
  const path = '/' + segments.map(strictEncode).join('/') + (sample.trailingSlash ? '/' : '');

  // botocore keeps only the first value of a repeated name when presigning (pinned below), and
  // signs an empty pair (`&&`) as `=`: neither is generated here.
  let params = sample.params.map((p) => ({ ...p, equals: p.equals || p.name === '' }));
  if (mode === 'query') {
    const seen = new Set<string>();
    params = params.filter((p) => !seen.has(p.name) && seen.add(p.name));
  }
  const query = params
    .map((p) => strictEncode(p.name) + (p.equals ? '=' + strictEncode(p.value) : ''))
    .join('&');
  const url = `${sample.scheme}://${endpoint.host}${path}${query === '' ? '' : '?' + query}`;

  // botocore leaves the form content type out of a presigned signature (pinned below).
  const headers = sample.headers.filter(
    ([name, value]) => !(mode === 'query' && name.toLowerCase() === 'content-type' && value),
  );
  const body = mode === 'header' ? sample.body : undefined;
  const amzDate = amzDateOf(sample.date);
  const credentials = {
    accessKeyId: sample.accessKeyId,
    secretAccessKey: sample.secretAccessKey,
    sessionToken: sample.sessionToken,
  };
  const options = {
    credentials,
    region: endpoint.region,
    service: endpoint.service,
    date: amzDate,
  };
  const request = { method: sample.method, url, headers, body };

  return {
    sample,
    botocore: {
      id: String(index),
      signer: ((s3 ? 'S3' : '') +
        (mode === 'header' ? 'SigV4Auth' : 'SigV4QueryAuth')) as BotocoreRequest['signer'],
      method: sample.method,
      url,
      headers: headers.map(([n, v]) => [n, v]),
      body: body ?? null,
      service: endpoint.service,
      region: endpoint.region,
      accessKeyId: sample.accessKeyId,
      secretAccessKey: sample.secretAccessKey,
      sessionToken: sample.sessionToken ?? null,
      amzDate,
      expires: mode === 'query' ? sample.expires : null,
    },
    ours: () =>
      mode === 'header'
        ? signRequest(request, options).explanation
        : presignUrl(request, { ...options, expiresIn: sample.expires }).explanation,
  };
}
