// Each refusal AWS makes, with its code, status and wording.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  presignUrl,
  signRequest,
  verifyRequest,
  verifyRequestAsync,
  type VerifiableRequest,
  type VerifyOptions,
  type VerifyResult,
} from '../src/index.js';

const credentials = { accessKeyId: 'AKIDCHECKS', secretAccessKey: 'secret/CHECKS+key' };
const SIGNED_AT = new Date('2020-07-18T21:11:59Z');
const url = 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08';
const options: VerifyOptions = {
  lookupCredentials: (id) => (id === credentials.accessKeyId ? credentials : undefined),
  service: 'iam',
  region: 'us-east-1',
  now: SIGNED_AT,
};

function headerSigned(extra: Record<string, string> = {}, body = ''): VerifiableRequest {
  const s = signRequest(
    { method: 'POST', url, headers: extra, body },
    { credentials, region: 'us-east-1', service: 'iam', date: SIGNED_AT },
  );
  return { method: s.method, url: s.url, headers: s.headers, body };
}

function presigned(expiresIn = 60): VerifiableRequest {
  const p = presignUrl(
    { url },
    { credentials, region: 'us-east-1', service: 'iam', date: SIGNED_AT, expiresIn },
  );
  return { method: 'GET', url: p.url, headers: {} };
}

function refused(result: VerifyResult, code: string, status: number, message?: string | RegExp) {
  assert.equal(result.ok, false, 'was accepted');
  if (result.ok) return;
  assert.equal(result.code, code, result.message);
  assert.equal(result.status, status);
  if (typeof message === 'string') assert.equal(result.message, message);
  else if (message) assert.match(result.message, message);
}

const withAuth = (r: VerifiableRequest, edit: (a: string) => string): VerifiableRequest => {
  const headers = { ...(r.headers as Record<string, string>) };
  headers.authorization = edit(headers.authorization);
  return { ...r, headers };
};

describe('verify: form of the request', () => {
  it('accepts a header-signed and a presigned request', async () => {
    const h = verifyRequest(headerSigned(), options);
    assert.deepEqual(h, {
      ok: true,
      accessKeyId: 'AKIDCHECKS',
      mode: 'header',
      credentialScope: { date: '20200718', region: 'us-east-1', service: 'iam' },
      sessionToken: false,
      signedHeaders: ['host', 'x-amz-date'],
    });
    assert.equal((await verifyRequestAsync(presigned(), options)).ok, true);
  });

  it('accepts origin form with a Host header, and AWS-tolerated white space and commas', () => {
    const r = headerSigned();
    const target = r.url.slice('https://iam.amazonaws.com'.length);
    const spaced = withAuth({ ...r, url: target }, (a) =>
      a.replace(', SignedHeaders', ',SignedHeaders').replace(', Signature', ' ,  Signature'),
    );
    assert.equal(verifyRequest(spaced, options).ok, true);
  });

  it('refuses a request without authentication', () => {
    refused(
      verifyRequest({ method: 'GET', url, headers: {} }, options),
      'MissingAuthenticationToken',
      403,
      'Request is missing Authentication Token',
    );
  });

  it('refuses both an Authorization header and presign parameters', () => {
    const p = presigned();
    const r = { ...p, headers: { authorization: headerSigned().headers.authorization as string } };
    refused(verifyRequest(r as VerifiableRequest, options), 'InvalidArgument', 400);
  });

  it('names each missing Authorization part, and an unsupported algorithm', () => {
    const r = headerSigned();
    refused(
      verifyRequest(
        withAuth(r, (a) => a.replace(/Credential=[^,]+, /, '')),
        options,
      ),
      'IncompleteSignature',
      400,
      /^Authorization header requires 'Credential' parameter\. Authorization=AWS4/,
    );
    refused(
      verifyRequest(
        withAuth(r, (a) => a.replace(/, Signature=.*/, '')),
        options,
      ),
      'IncompleteSignature',
      400,
      /requires 'Signature' parameter/,
    );
    refused(
      verifyRequest(
        withAuth(r, (a) => a.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')),
        options,
      ),
      'IncompleteSignature',
      400,
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.",
    );
    refused(
      verifyRequest(
        withAuth(r, (a) => a.replace('/aws4_request', '')),
        options,
      ),
      'IncompleteSignature',
      400,
      /^Credential must have exactly 5 slash-delimited elements/,
    );
  });

  it('refuses a missing or malformed date', () => {
    const r = headerSigned();
    const headers = { ...(r.headers as Record<string, string>) };
    delete headers['x-amz-date'];
    refused(
      verifyRequest({ ...r, headers }, options),
      'IncompleteSignature',
      400,
      /requires existence of either a 'X-Amz-Date' or a 'Date' header/,
    );
    headers['x-amz-date'] = '2020-07-18T21:11:59Z';
    refused(verifyRequest({ ...r, headers }, options), 'IncompleteSignature', 400, /ISO-8601/);
  });

  it('reads presign parameters strictly', () => {
    const p = presigned();
    const q = (edit: (u: string) => string) => verifyRequest({ ...p, url: edit(p.url) }, options);
    refused(
      q((u) => u + '&X-Amz-Date=20200718T211159Z'),
      'AuthorizationQueryParametersError',
      400,
      'X-Amz-Date is given more than once',
    );
    refused(
      q((u) => u.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604801')),
      'AuthorizationQueryParametersError',
      400,
      'X-Amz-Expires must be less than a week (in seconds) that is 604800',
    );
    refused(
      q((u) => u.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=-1')),
      'AuthorizationQueryParametersError',
      400,
      'X-Amz-Expires must be non-negative',
    );
    refused(
      q((u) => u.replace(/&X-Amz-SignedHeaders=[^&]+/, '')),
      'AuthorizationQueryParametersError',
      400,
      /Missing: X-Amz-SignedHeaders\.$/,
    );
    refused(
      q((u) => u.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256')),
      'AuthorizationQueryParametersError',
      400,
      /X-Amz-Algorithm only supports/,
    );
  });
});

describe('verify: credential scope, key and token', () => {
  it('words scope problems as AWS does', () => {
    refused(
      verifyRequest(headerSigned(), { ...options, region: ['us-west-2', 'eu-central-1'] }),
      'SignatureDoesNotMatch',
      403,
      "Credential should be scoped to a valid region, not 'us-east-1'.",
    );
    refused(
      verifyRequest(headerSigned(), { ...options, service: 'sts' }),
      'SignatureDoesNotMatch',
      403,
      "Credential should be scoped to correct service: 'sts'.",
    );
    const r = withAuth(headerSigned(), (a) => a.replace('/20200718/', '/20200101/'));
    refused(
      verifyRequest(r, options),
      'SignatureDoesNotMatch',
      403,
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from ' +
        "HTTP: '20200101' != '20200718', from '20200718T211159Z'.",
    );
  });

  it("refuses an unknown key and a session token that is not the key's", () => {
    const invalid = 'The security token included in the request is invalid.';
    refused(
      verifyRequest(headerSigned(), { ...options, lookupCredentials: () => undefined }),
      'InvalidClientTokenId',
      403,
      invalid,
    );
    const temporary = { ...credentials, sessionToken: 'token-1' };
    refused(
      verifyRequest(headerSigned(), { ...options, lookupCredentials: () => temporary }),
      'InvalidClientTokenId',
      403,
      invalid,
    );
    const withToken = headerSigned({ 'x-amz-security-token': 'token-2' });
    refused(
      verifyRequest(withToken, { ...options, lookupCredentials: () => temporary }),
      'InvalidClientTokenId',
      403,
    );
    refused(verifyRequest(withToken, options), 'InvalidClientTokenId', 403);
    const ok = verifyRequest(headerSigned({ 'x-amz-security-token': 'token-1' }), {
      ...options,
      lookupCredentials: () => temporary,
    });
    assert.equal(ok.ok && ok.sessionToken, true);
  });
});

describe('verify: signed headers and payload', () => {
  it('requires host and x-amz-* headers signed, and signed headers present', () => {
    const r = headerSigned({ 'x-amz-meta-a': '1' });
    const extra = { ...(r.headers as Record<string, string>), 'x-amz-meta-b': '2' };
    refused(
      verifyRequest({ ...r, headers: extra }, options),
      'AccessDenied',
      403,
      'There were headers present in the request which were not signed: x-amz-meta-b',
    );
    refused(
      verifyRequest(
        withAuth(r, (a) => a.replace('host;', '')),
        options,
      ),
      'SignatureDoesNotMatch',
      403,
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
    const missing = { ...(r.headers as Record<string, string>) };
    delete missing['x-amz-meta-a'];
    refused(verifyRequest({ ...r, headers: missing }, options), 'SignatureDoesNotMatch', 403);
  });

  it('refuses an x-amz-content-sha256 that is not the body hash', () => {
    const r = headerSigned({
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    refused(
      verifyRequest({ ...r, body: 'changed' }, options),
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
    assert.equal(verifyRequest(r, options).ok, true);
  });

  it('says that UNSIGNED-PAYLOAD is for S3 only when another service gets it', () => {
    const r = signRequest(
      { method: 'POST', url, body: 'Action=ListUsers' },
      {
        credentials,
        region: 'us-east-1',
        service: 'iam',
        date: SIGNED_AT,
        payload: 'unsigned',
        contentSha256Header: 'include',
      },
    );
    const answer = verifyRequest(
      { method: 'POST', url: r.url, headers: r.headers, body: 'Action=ListUsers' },
      options,
    );
    assert.equal(answer.ok, false);
    assert.match(!answer.ok ? answer.message : '', /UNSIGNED-PAYLOAD is accepted by S3 only/);
  });

  it('takes a precomputed payload hash instead of the body', () => {
    const r = headerSigned({}, 'Action=ListUsers');
    const hash = signRequest(
      { method: 'POST', url, body: 'Action=ListUsers' },
      { credentials, region: 'us-east-1', service: 'iam', date: SIGNED_AT },
    ).explanation.payloadHash;
    assert.equal(verifyRequest({ ...r, body: undefined, payloadHash: hash }, options).ok, true);
  });
});

describe('verify: time', () => {
  const at = (iso: string) => ({ ...options, now: new Date(iso) });
  it('allows 15 minutes either way for header-signed requests, with AWS wording beyond', () => {
    assert.equal(verifyRequest(headerSigned(), at('2020-07-18T21:26:59Z')).ok, true);
    assert.equal(verifyRequest(headerSigned(), at('2020-07-18T20:56:59Z')).ok, true);
    refused(
      verifyRequest(headerSigned(), at('2020-07-18T21:51:59Z')),
      'SignatureDoesNotMatch',
      403,
      'Signature expired: 20200718T211159Z is now earlier than 20200718T213659Z ' +
        '(20200718T215159Z - 15 min.)',
    );
    refused(
      verifyRequest(headerSigned(), at('2020-07-18T20:30:00Z')),
      'SignatureDoesNotMatch',
      403,
      'Signature not yet current: 20200718T211159Z is still later than 20200718T204500Z ' +
        '(20200718T203000Z + 15 min.)',
    );
    assert.equal(
      verifyRequest(headerSigned(), { ...options, now: () => SIGNED_AT.getTime() + 1000 }).ok,
      true,
    );
  });

  it('refuses a presigned URL after X-Amz-Date + X-Amz-Expires', () => {
    assert.equal(verifyRequest(presigned(60), at('2020-07-18T21:12:59Z')).ok, true);
    refused(
      verifyRequest(presigned(60), at('2020-07-18T21:13:00Z')),
      'AccessDenied',
      403,
      'Request has expired',
    );
    refused(
      verifyRequest(presigned(60), at('2020-07-18T20:50:00Z')),
      'AccessDenied',
      403,
      'Request is not valid yet',
    );
  });
});
