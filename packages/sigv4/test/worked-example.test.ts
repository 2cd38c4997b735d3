import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presignUrl, presignUrlAsync, signRequest } from '../src/index.js';

// The IAM CreateUser example, presigned with a 30-second expiry. The expected signature was
// computed with botocore's SigV4QueryAuth for the same inputs.
const request = {
  url: 'https://iam.amazonaws.com/?Action=CreateUser&UserName=TestAPCUser&Version=2010-05-08',
};
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const expectedUrl =
  'https://iam.amazonaws.com/?Action=CreateUser&UserName=TestAPCUser&Version=2010-05-08' +
  '&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20200718%2Fus-east-1%2Fiam%2Faws4_request' +
  '&X-Amz-Date=20200718T211159Z&X-Amz-Expires=30&X-Amz-SignedHeaders=host' +
  '&X-Amz-Signature=98ecc55e42480ecd4c159bae3d7d6ba0fdb5075dcd2e0f96ab1defea14c58cf7';

describe('the IAM CreateUser presign example', () => {
  it('infers iam/us-east-1 from the host and matches botocore', () => {
    const presigned = presignUrl(request, { credentials, expiresIn: 30, date: '20200718T211159Z' });
    assert.equal(presigned.url, expectedUrl);
    assert.equal(presigned.explanation.region, 'us-east-1');
    assert.equal(presigned.explanation.service, 'iam');
    assert.equal(presigned.expiresAt.toISOString(), '2020-07-18T21:12:29.000Z');
  });

  it('gives the same URL on Web Crypto', async () => {
    const presigned = await presignUrlAsync(request, {
      credentials,
      expiresIn: 30,
      date: '20200718T211159Z',
    });
    assert.equal(presigned.url, expectedUrl);
  });

  it('spells the algorithm out in full, never cut short', () => {
    const presigned = presignUrl(request, {
      credentials,
      expiresIn: 30,
      date: '2020-07-18T21:11:59Z',
    });
    assert.match(presigned.url, /X-Amz-Algorithm=AWS4-HMAC-SHA256&/);
    const signed = signRequest(request, { credentials, date: '2020-07-18T21:11:59Z' });
    assert.match(signed.headers.authorization, /^AWS4-HMAC-SHA256 Credential=/);
  });

  it('keeps the region and scope of the partition for a profile region elsewhere', () => {
    const cn = presignUrl(
      { url: 'https://iam.cn-north-1.amazonaws.com.cn/?Action=ListUsers&Version=2010-05-08' },
      { credentials, expiresIn: 30, date: '20200718T211159Z' },
    );
    assert.equal(cn.explanation.credentialScope, '20200718/cn-north-1/iam/aws4_request');
    const gov = presignUrl(
      { url: 'https://iam.us-gov.amazonaws.com/?Action=ListUsers&Version=2010-05-08' },
      { credentials, expiresIn: 30, date: '20200718T211159Z' },
    );
    assert.equal(gov.explanation.credentialScope, '20200718/us-gov-west-1/iam/aws4_request');
  });
});
