import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { fixedClock, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, presignCall, send, xmlText, type Keys } from './http-support.js';

const signedAt = new Date('2024-05-01T12:00:00Z');

describe('emulator HTTP: header signatures', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ memory: true, now: fixedClock(signedAt) });
  });
  after(() => emulator.stop());
  const at = { date: signedAt };

  it('refuses a wrong secret with SignatureDoesNotMatch and the canonical request', async () => {
    const credentials = { ...emulator.rootCredentials, secretAccessKey: 'not-the-secret' };
    const answer = await call(emulator.url, 'ListUsers', {}, { ...at, credentials });
    assert.equal(answer.status, 403);
    assert.equal(answer.code, 'SignatureDoesNotMatch');
    assert.match(answer.message!, /^The request signature we calculated does not match/);
    assert.match(
      answer.message!,
      /The Canonical String for this request should have been\n'POST\n\/\n/,
    );
    assert.match(
      answer.message!,
      /The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240501T120000Z\n/,
    );
  });

  it('refuses an unknown access key with InvalidClientTokenId', async () => {
    const credentials = { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'x' };
    const answer = await call(emulator.url, 'ListUsers', {}, { ...at, credentials });
    assert.equal(answer.status, 403);
    assert.equal(answer.code, 'InvalidClientTokenId');
    assert.equal(answer.message, 'The security token included in the request is invalid.');
  });

  it('refuses an IAM request scoped to eu-west-1', async () => {
    const answer = await call(emulator.url, 'ListUsers', {}, { ...at, region: 'eu-west-1' });
    assert.equal(answer.status, 403);
    assert.equal(answer.code, 'SignatureDoesNotMatch');
    assert.equal(answer.message, "Credential should be scoped to a valid region, not 'eu-west-1'.");
  });

  it('refuses a request signed for another service', async () => {
    const answer = await call(
      emulator.url,
      'ListUsers',
      {},
      {
        ...at,
        service: 'sts',
        version: '2010-05-08',
      },
    );
    assert.equal(answer.code, 'SignatureDoesNotMatch');
    assert.equal(answer.message, "Credential should be scoped to correct service: 'iam'.");
  });

  it('refuses a request signed 20 minutes early or late', async () => {
    const early = await call(
      emulator.url,
      'ListUsers',
      {},
      {
        date: new Date(signedAt.getTime() - 20 * 60_000),
      },
    );
    assert.equal(early.status, 403);
    assert.equal(early.code, 'SignatureDoesNotMatch');
    assert.equal(
      early.message,
      'Signature expired: 20240501T114000Z is now earlier than 20240501T114500Z ' +
        '(20240501T120000Z - 15 min.)',
    );
    const late = await call(
      emulator.url,
      'ListUsers',
      {},
      {
        date: new Date(signedAt.getTime() + 20 * 60_000),
      },
    );
    assert.equal(late.code, 'SignatureDoesNotMatch');
    assert.match(late.message!, /^Signature not yet current: 20240501T122000Z is still later/);
  });

  it('lets a key the emulator issued sign as its user, and records its use', async () => {
    await call(emulator.url, 'CreateUser', { UserName: 'kim' }, at);
    const created = await call(emulator.url, 'CreateAccessKey', { UserName: 'kim' }, at);
    const kim: Keys = {
      accessKeyId: xmlText(created.body, 'AccessKeyId')!,
      secretAccessKey: xmlText(created.body, 'SecretAccessKey')!,
    };

    const identity = await call(emulator.url, 'GetCallerIdentity', {}, { ...at, credentials: kim });
    assert.equal(xmlText(identity.body, 'Arn'), 'arn:aws:iam::123456789012:user/kim');

    const denied = await call(emulator.url, 'ListUsers', {}, { ...at, credentials: kim });
    assert.equal(denied.status, 403);
    assert.equal(denied.code, 'AccessDenied');
    assert.match(denied.message!, /user\/kim is not authorized to perform: iam:ListUsers/);

    const lastUsed = await call(
      emulator.url,
      'GetAccessKeyLastUsed',
      {
        AccessKeyId: kim.accessKeyId,
      },
      at,
    );
    assert.equal(xmlText(lastUsed.body, 'ServiceName'), 'iam');
    assert.equal(xmlText(lastUsed.body, 'Region'), 'us-east-1');

    await call(
      emulator.url,
      'UpdateAccessKey',
      {
        UserName: 'kim',
        AccessKeyId: kim.accessKeyId,
        Status: 'Inactive',
      },
      at,
    );
    const inactive = await call(emulator.url, 'GetCallerIdentity', {}, { ...at, credentials: kim });
    assert.equal(inactive.code, 'InvalidClientTokenId');

    await call(
      emulator.url,
      'DeleteAccessKey',
      { UserName: 'kim', AccessKeyId: kim.accessKeyId },
      at,
    );
    const deleted = await call(emulator.url, 'GetCallerIdentity', {}, { ...at, credentials: kim });
    assert.equal(deleted.code, 'InvalidClientTokenId');
  });
});

describe('emulator HTTP: presigned URLs', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ memory: true });
  });
  after(() => emulator.stop());

  it('runs a presigned CreateUser and DeleteUser sent as plain GETs', async () => {
    const create = await send(
      presignCall(emulator.url, 'CreateUser', { UserName: 'pre+sign=d@x' }),
    );
    assert.equal(create.status, 200, create.body);
    assert.equal(xmlText(create.body, 'UserName'), 'pre+sign=d@x');

    const remove = await send(
      presignCall(emulator.url, 'DeleteUser', { UserName: 'pre+sign=d@x' }),
    );
    assert.equal(remove.status, 200, remove.body);
    const gone = await call(emulator.url, 'GetUser', { UserName: 'pre+sign=d@x' });
    assert.equal(gone.code, 'NoSuchEntity');
  });

  it('refuses an expired presigned URL with AccessDenied "Request has expired"', async () => {
    const date = new Date('2024-05-01T12:00:00Z');
    const url = presignCall(
      emulator.url,
      'CreateUser',
      { UserName: 'late' },
      {
        date,
        expiresIn: 60,
      },
    );
    emulator.setClock(fixedClock(date.getTime() + 61_000));
    try {
      const answer = await send(url);
      assert.equal(answer.status, 403);
      assert.equal(answer.code, 'AccessDenied');
      assert.equal(answer.message, 'Request has expired');
    } finally {
      emulator.setClock();
    }
  });

  it('refuses a tampered presigned URL with the canonical request it expected', async () => {
    const url = new URL(presignCall(emulator.url, 'CreateUser', { UserName: 'honest' }));
    url.searchParams.set('UserName', 'mallory');
    const answer = await send(url.href);
    assert.equal(answer.status, 403);
    assert.equal(answer.code, 'SignatureDoesNotMatch');
    assert.match(
      answer.message!,
      /The Canonical String for this request should have been\n'GET\n\/\n/,
    );
    assert.match(answer.message!, /UserName=mallory/);
    const absent = await call(emulator.url, 'GetUser', { UserName: 'mallory' });
    assert.equal(absent.code, 'NoSuchEntity');
  });
});
