import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SigV4Error,
  SigningKeyCache,
  inferScope,
  presignUrl,
  signRequest,
  type SigV4ErrorCode,
} from '../src/index.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const base = { credentials, region: 'us-east-1', service: 'iam', date: '20150830T123600Z' };

function refuses(code: SigV4ErrorCode, run: () => unknown, message?: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SigV4Error, `expected SigV4Error, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('bad input is refused with a typed error naming the problem', () => {
  it('a URL that does not parse', () =>
    refuses('InvalidUrl', () => signRequest({ url: 'not a url' }, base), /does not parse/));
  it('a URL without a host', () =>
    refuses('InvalidUrl', () => signRequest({ url: 'https:///x' }, base)));
  it('a date that is not a date', () =>
    refuses(
      'InvalidDate',
      () => signRequest({ url: 'https://h/' }, { ...base, date: 'yesterday' }),
      /not a date/,
    ));
  for (const expiresIn of [0, -1, 604801, 1.5, Number.NaN]) {
    it(`expiry ${expiresIn}`, () =>
      refuses(
        'InvalidExpires',
        () => presignUrl({ url: 'https://h/' }, { ...base, expiresIn }),
        /1 to 604800/,
      ));
  }
  it('accepts the expiry bounds 1 and 604800', () => {
    assert.ok(
      presignUrl({ url: 'https://h/' }, { ...base, expiresIn: 1 }).url.includes('X-Amz-Expires=1&'),
    );
    assert.ok(
      presignUrl({ url: 'https://h/' }, { ...base, expiresIn: 604800 }).url.includes(
        'X-Amz-Expires=604800',
      ),
    );
  });
  it('missing credentials', () =>
    refuses('MissingCredentials', () =>
      signRequest({ url: 'https://h/' }, { ...base, credentials: undefined as never }),
    ));
  it('an empty secret', () =>
    refuses('MissingCredentials', () =>
      signRequest(
        { url: 'https://h/' },
        { ...base, credentials: { accessKeyId: 'A', secretAccessKey: '' } },
      ),
    ));
  it('a header name with a space', () =>
    refuses('InvalidHeaderName', () =>
      signRequest({ url: 'https://h/', headers: { 'x bad': '1' } }, base),
    ));
  it('a scheme SigV4 does not sign, as text or as a URL object', () => {
    refuses('InvalidUrl', () => signRequest({ url: 'ftp://h/x' }, base), /scheme ftp/);
    refuses('InvalidUrl', () => signRequest({ url: new URL('file:///etc/x') }, base), /file/);
    assert.ok(presignUrl({ url: 'wss://h/stream' }, { ...base, expiresIn: 60 }).url);
  });
  it('no service and a host that implies none', () =>
    refuses('MissingService', () => signRequest({ url: 'https://example.com/' }, { credentials })));
  it('an empty or non-string service or region is named as given, not as missing', () => {
    const url = 'https://iam.amazonaws.com/';
    refuses('InvalidOption', () => signRequest({ url }, { ...base, service: '' }), /service ""/);
    refuses('InvalidOption', () => signRequest({ url }, { ...base, region: '' }), /region ""/);
    refuses('InvalidOption', () => signRequest({ url }, { ...base, region: [] as never }));
    refuses('InvalidOption', () => signRequest({ url }, { ...base, service: 7 as never }));
  });
});

describe('service and region from AWS host names, as botocore names them', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['iam.amazonaws.com', 'iam', 'us-east-1'],
    ['sts.eu-west-1.amazonaws.com', 'sts', 'eu-west-1'],
    ['sts.us-east-1.api.aws', 'sts', 'us-east-1'],
    ['search-my-domain-abc.us-east-1.es.amazonaws.com', 'es', 'us-east-1'],
    ['coll1.eu-central-1.aoss.amazonaws.com', 'aoss', 'eu-central-1'],
    ['a1b2c3.execute-api.eu-west-1.amazonaws.com', 'execute-api', 'eu-west-1'],
    ['abcdefghij.lambda-url.ap-south-1.on.aws', 'lambda', 'ap-south-1'],
    ['runtime.sagemaker.us-east-1.amazonaws.com', 'sagemaker', 'us-east-1'],
    ['streams.dynamodb.us-west-2.amazonaws.com', 'dynamodb', 'us-west-2'],
    ['email.us-east-1.amazonaws.com', 'ses', 'us-east-1'],
    ['iot.us-east-1.amazonaws.com', 'iot', 'us-east-1'],
    ['abc-ats.data-ats.iot.us-east-1.amazonaws.com', 'iotdata', 'us-east-1'],
    ['dynamodb-fips.us-gov-west-1.amazonaws.com', 'dynamodb', 'us-gov-west-1'],
    ['vpce-0a1-b2.ec2.us-east-1.vpce.amazonaws.com', 'ec2', 'us-east-1'],
    ['bucket.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
    ['ap-123456789012.s3-object-lambda.us-east-1.amazonaws.com', 's3-object-lambda', 'us-east-1'],
    ['op-01ac5d28a6a232904.s3-outposts.us-west-2.amazonaws.com', 's3-outposts', 'us-west-2'],
    ['s3-eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
    ['s3-control.us-east-2.amazonaws.com', 's3', 'us-east-2'],
    ['queue.amazonaws.com', 'sqs', 'us-east-1'],
    ['us-west-2.queue.amazonaws.com', 'sqs', 'us-west-2'],
    ['places.geo.eu-west-1.amazonaws.com', 'geo-places', 'eu-west-1'],
    ['data.iot-fips.us-east-1.amazonaws.com', 'iotdata', 'us-east-1'],
    ['catalog.marketplace-fips.us-east-1.amazonaws.com', 'aws-marketplace', 'us-east-1'],
    ['cloudfront.global.api.aws', 'cloudfront', 'us-east-1'],
    ['route53.us-gov.amazonaws.com', 'route53', 'us-gov-west-1'],
    ['iam.us-gov.api.aws', 'iam', 'us-gov-west-1'],
    ['efs.eu-west-1.api.aws', 'elasticfilesystem', 'eu-west-1'],
    ['streams-dynamodb.us-east-1.api.aws', 'dynamodb', 'us-east-1'],
    ['s3express-control.us-west-2.amazonaws.com', 's3express', 'us-west-2'],
    ['b--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com', 's3express', 'us-west-2'],
    ['api.tunneling.iot.us-east-1.amazonaws.com', 'IoTSecuredTunneling', 'us-east-1'],
    ['sts.cn-north-1.api.amazonwebservices.com.cn', 'sts', 'cn-north-1'],
    ['bedrock-runtime.us-east-1.amazonaws.com', 'bedrock', 'us-east-1'],
    ['portal.sso.eu-west-1.amazonaws.com', 'awsssoportal', 'eu-west-1'],
    ['sms-voice.pinpoint.us-east-1.amazonaws.com', 'sms-voice', 'us-east-1'],
    ['pinpoint.us-east-1.amazonaws.com', 'mobiletargeting', 'us-east-1'],
    ['IAM.AMAZONAWS.COM:443', 'iam', 'us-east-1'],
    ['example.com', undefined, undefined],
  ];
  for (const [host, service, region] of cases) {
    it(host, () => assert.deepEqual(inferScope(host), service ? { service, region } : {}));
  }
});

describe('accepts what callers hand it', () => {
  const expected = signRequest(
    {
      method: 'POST',
      url: 'https://iam.amazonaws.com/',
      headers: { 'content-type': 'a/b', 'x-amz-meta': 'v' },
      body: 'x=1',
    },
    base,
  ).explanation.signature;

  it('a URL object, pairs, Headers, a Buffer, a lower-case method', () => {
    const forms = [
      {
        method: 'post',
        url: new URL('https://iam.amazonaws.com/'),
        headers: [
          ['Content-Type', 'a/b'],
          ['X-Amz-Meta', 'v'],
        ] as [string, string][],
        body: Buffer.from('x=1'),
      },
      {
        method: 'POST',
        url: 'https://iam.amazonaws.com/',
        headers: new Headers({ 'content-type': 'a/b', 'x-amz-meta': 'v' }),
        body: new TextEncoder().encode('x=1'),
      },
      {
        method: 'POST',
        url: 'https://IAM.amazonaws.com:443/',
        headers: { 'Content-Type': 'a/b', 'X-Amz-Meta': 'v' },
        body: 'x=1',
      },
    ];
    for (const form of forms) assert.equal(signRequest(form, base).explanation.signature, expected);
  });

  it('signs a non-default port as sent and drops an explicit default port', () => {
    assert.equal(
      signRequest({ url: 'http://127.0.0.1:4566/' }, base).headers.host,
      '127.0.0.1:4566',
    );
    assert.equal(signRequest({ url: 'http://127.0.0.1:80/' }, base).headers.host, '127.0.0.1');
  });

  it('never signs user-agent or authorization, and can leave a header out', () => {
    const signed = signRequest(
      { url: 'https://h/', headers: { 'user-agent': 'x', 'x-trace': 't', 'content-type': 'c' } },
      { ...base, signedHeaders: { exclude: ['x-trace'] } },
    );
    assert.equal(signed.explanation.signedHeaders, 'content-type;host;x-amz-date');
    assert.equal(signed.headers['user-agent'], 'x');
  });

  it('reads + in a URL query as a space, and a literal + from decoded params', () => {
    const fromUrl = signRequest({ url: 'https://h/?a=b+c' }, base);
    assert.equal(fromUrl.explanation.canonicalRequestParts.canonicalQuery, 'a=b%20c');
    assert.equal(fromUrl.url, 'https://h/?a=b%20c');
    const literal = signRequest({ url: 'https://h/', query: { a: 'b+c' } }, base);
    assert.equal(literal.url, 'https://h/?a=b%2Bc');
  });

  it('uses S3 rules for service s3: single encoding, no normalization, content hash header', () => {
    const s3 = signRequest(
      { url: 'https://bucket.s3.amazonaws.com/a//b/../c%20d' },
      { credentials, date: base.date },
    );
    assert.equal(s3.explanation.canonicalRequestParts.canonicalUri, '/a//b/../c%20d');
    assert.ok(s3.headers['x-amz-content-sha256']);
    const iam = signRequest(
      { url: 'https://iam.amazonaws.com/a//b/../c%20d' },
      { credentials, date: base.date },
    );
    assert.equal(iam.explanation.canonicalRequestParts.canonicalUri, '/a/c%2520d');
    const presigned = presignUrl(
      { url: 'https://bucket.s3.amazonaws.com/k' },
      { credentials, date: base.date },
    );
    assert.equal(presigned.explanation.payloadHash, 'UNSIGNED-PAYLOAD');
  });

  it('exposes the signing key only when asked', () => {
    assert.equal(signRequest({ url: 'https://h/' }, base).explanation.signingKey, undefined);
    const shown = signRequest({ url: 'https://h/' }, { ...base, exposeSigningKey: true });
    assert.match(shown.explanation.signingKey ?? '', /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(shown).includes(credentials.secretAccessKey));
  });

  it('applies a clock and an offset', () => {
    const signed = signRequest(
      { url: 'https://h/' },
      {
        credentials,
        region: 'r',
        service: 's',
        now: () => Date.UTC(2020, 0, 1),
        clockOffsetMs: 61_000,
      },
    );
    assert.equal(signed.headers['x-amz-date'], '20200101T000101Z');
  });

  it('caches signing keys per day, region and service, bounded', () => {
    const cache = new SigningKeyCache(2);
    signRequest({ url: 'https://h/' }, { ...base, keyCache: cache });
    signRequest({ url: 'https://h/' }, { ...base, keyCache: cache });
    assert.equal(cache.size, 1);
    signRequest({ url: 'https://h/' }, { ...base, keyCache: cache, date: '20150831T000000Z' });
    signRequest({ url: 'https://h/' }, { ...base, keyCache: cache, region: 'eu-west-1' });
    assert.equal(cache.size, 2);
  });
});

describe('options are explicit modes: a wrong value or a misspelt name is refused', () => {
  const url = { url: 'https://iam.amazonaws.com/' };
  it('a mode outside its choices', () => {
    refuses(
      'InvalidOption',
      () => signRequest(url, { ...base, pathEncoding: 'triple' as never }),
      /pathEncoding must be "double" or "single", got "triple"/,
    );
    refuses(
      'InvalidOption',
      () => signRequest(url, { ...base, sessionToken: 'yes' as never }),
      /sessionToken/,
    );
    refuses(
      'InvalidOption',
      () => signRequest(url, { ...base, payload: 'none' as never }),
      /payload/,
    );
  });
  it('an unknown option name', () => {
    refuses(
      'InvalidOption',
      () => signRequest(url, { ...base, pathEncodign: 'single' } as never),
      /unknown signing option "pathEncodign"/,
    );
  });
  it('a URL with a user name and password, without echoing the password', () => {
    assert.throws(
      () => signRequest({ url: 'https://user:hunter2@iam.amazonaws.com/' }, base),
      (e: unknown) =>
        e instanceof SigV4Error &&
        /user name or password/.test(e.message) &&
        !e.message.includes('hunter2'),
    );
  });
  it('a string expiry is quoted as given', () => {
    refuses(
      'InvalidExpires',
      () => presignUrl(url, { ...base, expiresIn: '60' as never }),
      /got "60"/,
    );
  });
});
