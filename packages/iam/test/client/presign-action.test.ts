import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IamClient } from '../../src/client/iam-client.js';
import { NO_SHARED_FILES } from '../transport/scripted-server.js';

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('presignAction', () => {
  it('gives the known CreateUser URL, parameters in canonical order', async () => {
    const iam = new IamClient({ credentials, env: NO_SHARED_FILES });
    const presigned = await iam.presignAction(
      'CreateUser',
      { UserName: 'TestAPCUser' },
      { expiresIn: 30, date: '20200718T211159Z' },
    );

    assert.equal(
      presigned.url,
      'https://iam.amazonaws.com/?Action=CreateUser&UserName=TestAPCUser&Version=2010-05-08' +
        '&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20200718%2Fus-east-1%2Fiam%2Faws4_request' +
        '&X-Amz-Date=20200718T211159Z&X-Amz-Expires=30&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=98ecc55e42480ecd4c159bae3d7d6ba0fdb5075dcd2e0f96ab1defea14c58cf7',
    );
    assert.equal(presigned.expiresAt.toISOString(), '2020-07-18T21:12:29.000Z');
    assert.equal(presigned.signedAt.toISOString(), '2020-07-18T21:11:59.000Z');
  });

  it('keeps IAM on us-east-1 when the region is eu-west-1', async () => {
    const iam = new IamClient({ credentials, region: 'eu-west-1', env: NO_SHARED_FILES });
    const { url } = await iam.presignAction('ListUsers', {}, { expiresIn: 60 });
    assert.ok(url.startsWith('https://iam.amazonaws.com/?Action=ListUsers&'));
    assert.match(url, /%2Fus-east-1%2Fiam%2Faws4_request/);
  });

  it('signs the session token into the query', async () => {
    const iam = new IamClient({
      credentials: { ...credentials, sessionToken: 'tok/en' },
      env: NO_SHARED_FILES,
    });
    const { url } = await iam.presignAction('GetUser', {}, { expiresIn: 60 });
    const query = new URL(url).searchParams;
    assert.equal(query.get('X-Amz-Security-Token'), 'tok/en');
    assert.ok(url.indexOf('X-Amz-Security-Token') < url.indexOf('X-Amz-Signature'));
  });

  it('refuses a missing required parameter', async () => {
    const iam = new IamClient({ credentials, env: NO_SHARED_FILES });
    await assert.rejects(
      iam.presignAction('CreateUser', {} as { UserName: string }, { expiresIn: 30 }),
      { code: 'MissingParameter' },
    );
  });
});
