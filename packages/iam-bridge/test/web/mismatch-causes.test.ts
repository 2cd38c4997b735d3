import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalRequestCauses } from '../../web/src/canonical-request-causes.js';
import { stringToSignCauses } from '../../web/src/string-to-sign-causes.js';

const OURS = [
  'GET',
  '/a%2520b/',
  'Action=ListUsers&Marker=a%20b&Version=2010-05-08',
  'host:iam.amazonaws.com',
  'x-amz-date:20200718T211159Z',
  'x-amz-meta-color:a b',
  '',
  'host;x-amz-date;x-amz-meta-color',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
].join('\n');

const change = (from: string, to: string) => OURS.replace(from, to);

const CANONICAL_CASES: { name: string; theirs: string; part: string; says: RegExp }[] = [
  { name: 'method', theirs: change('GET', 'POST'), part: 'method', says: /POST/ },
  {
    name: 'path encoded once',
    theirs: change('/a%2520b/', '/a%20b/'),
    part: 'path',
    says: /twice/,
  },
  {
    name: 'path normalization',
    theirs: change('/a%2520b/', '/x/../a%2520b/'),
    part: 'path',
    says: /normalized/,
  },
  {
    name: 'query space as plus',
    theirs: change('Marker=a%20b', 'Marker=a+b'),
    part: 'query',
    says: /%20/,
  },
  {
    name: 'query order',
    theirs: change(
      'Action=ListUsers&Marker=a%20b&Version=2010-05-08',
      'Marker=a%20b&Action=ListUsers&Version=2010-05-08',
    ),
    part: 'query',
    says: /order/,
  },
  {
    name: 'changed header value',
    theirs: change('x-amz-meta-color:a b', 'x-amz-meta-color:red'),
    part: 'headers',
    says: /x-amz-meta-color/,
  },
  {
    name: 'header value spaces',
    theirs: change('x-amz-meta-color:a b', 'x-amz-meta-color:a   b'),
    part: 'headers',
    says: /spaces/,
  },
  {
    name: 'host',
    theirs: change('host:iam.amazonaws.com', 'host:iam.amazonaws.com:8443'),
    part: 'headers',
    says: /Host differs/,
  },
  {
    name: 'header name case',
    theirs: change('x-amz-meta-color:a b', 'X-Amz-Meta-Color:a b'),
    part: 'headers',
    says: /lower case/,
  },
  {
    name: 'missing signed header',
    theirs: change(
      'host;x-amz-date;x-amz-meta-color',
      'content-type;host;x-amz-date;x-amz-meta-color',
    ),
    part: 'signed headers',
    says: /missing.*content-type/,
  },
  {
    name: 'extra signed header',
    theirs: change('x-amz-meta-color:a b\n', '').replace(';x-amz-meta-color', ''),
    part: 'signed headers',
    says: /extra.*x-amz-meta-color/i,
  },
  {
    name: 'signed header order',
    theirs: change('host;x-amz-date;x-amz-meta-color', 'x-amz-date;host;x-amz-meta-color'),
    part: 'signed headers',
    says: /sorted/,
  },
  {
    name: 'payload hash',
    theirs: change('e3b0c442', 'ffffffff'),
    part: 'payload hash',
    says: /body/,
  },
];

describe('canonicalRequestCauses', () => {
  for (const c of CANONICAL_CASES) {
    it(`names the cause: ${c.name}`, () => {
      const causes = canonicalRequestCauses(OURS, c.theirs);
      const found = causes.find((cause) => cause.part === c.part);
      assert.ok(found, JSON.stringify(causes));
      assert.match(found.message, c.says);
    });
  }

  it('finds nothing when the requests are the same', () => {
    assert.deepEqual(canonicalRequestCauses(OURS, OURS), []);
  });

  it('says when the pasted text is not a canonical request', () => {
    assert.equal(canonicalRequestCauses(OURS, 'GET\n/')[0].part, 'format');
  });
});

describe('stringToSignCauses', () => {
  const ours =
    'AWS4-HMAC-SHA256\n20200718T211159Z\n20200718/us-east-1/iam/aws4_request\n' + 'a'.repeat(64);

  it('names a wrong region, service or date in the scope', () => {
    const theirs = ours.replace('us-east-1/iam', 'eu-west-1/sts');
    const messages = stringToSignCauses(ours, theirs).map((c) => c.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /region.*us-east-1.*eu-west-1/);
    assert.match(messages[1], /service.*iam.*sts/);
  });

  it('names a different request date and a different canonical request hash', () => {
    const theirs = ours.replace('T211159Z', 'T211200Z').replace(/a{64}$/, 'b'.repeat(64));
    assert.deepEqual(
      stringToSignCauses(ours, theirs).map((c) => c.part),
      ['date', 'canonical request'],
    );
  });
});
