import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { fixedClock, startEmulator } from '../../src/emulator/index.js';
import { temporaryDirectory } from './helpers.js';
import { call, xmlText, type Keys } from './http-support.js';

const tmp = temporaryDirectory();
after(() => tmp.cleanup());

const readOnly = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
});

describe('emulator HTTP: restart with the same data file', () => {
  it('keeps users, keys and policies, and the keys still sign', async () => {
    const dataFile = join(tmp.dir, 'restart.db');
    const root = { accessKeyId: 'AKIAROOTROOTROOT0001', secretAccessKey: 'root-secret' };
    const options = { dataFile, rootCredentials: root, accountId: '111122223333' };

    const first = await startEmulator(options);
    const signAs = { credentials: root };
    await call(first.url, 'CreateUser', { UserName: 'persisted', Path: '/kept/' }, signAs);
    const created = await call(first.url, 'CreateAccessKey', { UserName: 'persisted' }, signAs);
    const key: Keys = {
      accessKeyId: xmlText(created.body, 'AccessKeyId')!,
      secretAccessKey: xmlText(created.body, 'SecretAccessKey')!,
    };
    const policy = await call(
      first.url,
      'CreatePolicy',
      {
        PolicyName: 'read-only',
        PolicyDocument: readOnly,
      },
      signAs,
    );
    const policyArn = xmlText(policy.body, 'Arn')!;
    await call(
      first.url,
      'AttachUserPolicy',
      { UserName: 'persisted', PolicyArn: policyArn },
      signAs,
    );
    await call(
      first.url,
      'PutUserPolicy',
      {
        UserName: 'persisted',
        PolicyName: 'inline',
        PolicyDocument: readOnly,
      },
      signAs,
    );
    await first.stop();

    const second = await startEmulator(options);
    try {
      assert.equal(second.accountId, '111122223333');
      const users = await call(second.url, 'ListUsers', {}, signAs);
      assert.equal(xmlText(users.body, 'Arn'), 'arn:aws:iam::111122223333:user/kept/persisted');

      const identity = await call(second.url, 'GetCallerIdentity', {}, { credentials: key });
      assert.equal(xmlText(identity.body, 'Arn'), 'arn:aws:iam::111122223333:user/kept/persisted');
      // The attached read-only policy still decides what the key may do.
      const keys = await call(
        second.url,
        'ListAccessKeys',
        { UserName: 'persisted' },
        {
          credentials: key,
        },
      );
      assert.equal(keys.status, 200, keys.body);
      assert.equal(xmlText(keys.body, 'AccessKeyId'), key.accessKeyId);
      const denied = await call(second.url, 'CreateUser', { UserName: 'x' }, { credentials: key });
      assert.equal(denied.code, 'AccessDenied');

      const attached = await call(
        second.url,
        'ListAttachedUserPolicies',
        {
          UserName: 'persisted',
        },
        signAs,
      );
      assert.equal(xmlText(attached.body, 'PolicyArn'), policyArn);
      const inline = await call(
        second.url,
        'GetUserPolicy',
        {
          UserName: 'persisted',
          PolicyName: 'inline',
        },
        signAs,
      );
      assert.equal(decodeURIComponent(xmlText(inline.body, 'PolicyDocument')!), readOnly);
    } finally {
      await second.stop();
    }
  });
});

describe('emulator HTTP: switches', () => {
  it('injects Throttling and ServiceFailure at the set rate, changeable at run time', async () => {
    const emulator = await startEmulator({ memory: true, switches: { throttlingRate: 1 } });
    try {
      const throttled = await call(emulator.url, 'ListUsers');
      assert.equal(throttled.status, 400);
      assert.equal(throttled.code, 'Throttling');
      assert.equal(throttled.message, 'Rate exceeded');

      emulator.store.switches.throttlingRate = 0;
      emulator.store.switches.serviceFailureRate = 1;
      const failed = await call(emulator.url, 'ListUsers');
      assert.equal(failed.status, 500);
      assert.equal(failed.code, 'ServiceFailure');
      assert.equal(failed.type, 'Receiver');

      emulator.store.switches.serviceFailureRate = 0.5;
      const statuses = [];
      for (let index = 0; index < 40; index++) {
        statuses.push((await call(emulator.url, 'ListUsers')).status);
      }
      const failures = statuses.filter((status) => status === 500).length;
      assert.ok(failures > 5 && failures < 35, `${failures} of 40 failed`);

      emulator.store.switches.serviceFailureRate = 0;
      assert.equal((await call(emulator.url, 'ListUsers')).status, 200);
    } finally {
      await emulator.stop();
    }
  });

  it('delays new keys: refused with InvalidClientTokenId until the delay has passed', async () => {
    const start = new Date('2024-05-01T12:00:00Z');
    const emulator = await startEmulator({
      memory: true,
      now: fixedClock(start),
      switches: { newAccessKeyDelayMs: 8000 },
    });
    try {
      const at = { date: start };
      await call(emulator.url, 'CreateUser', { UserName: 'slow' }, at);
      const created = await call(emulator.url, 'CreateAccessKey', { UserName: 'slow' }, at);
      const key: Keys = {
        accessKeyId: xmlText(created.body, 'AccessKeyId')!,
        secretAccessKey: xmlText(created.body, 'SecretAccessKey')!,
      };
      const early = await call(emulator.url, 'GetCallerIdentity', {}, { ...at, credentials: key });
      assert.equal(early.code, 'InvalidClientTokenId');

      const later = new Date(start.getTime() + 9000);
      emulator.setClock(fixedClock(later));
      const ready = await call(
        emulator.url,
        'GetCallerIdentity',
        {},
        {
          date: later,
          credentials: key,
        },
      );
      assert.equal(ready.status, 200, ready.body);
    } finally {
      await emulator.stop();
    }
  });
});
