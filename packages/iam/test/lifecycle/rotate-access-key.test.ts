import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LifecycleError } from '../../src/lifecycle/lifecycle-error.js';
import { rotateAccessKey } from '../../src/lifecycle/rotate-access-key.js';
import { startEmulatorTarget } from './support/targets.js';

describe('rotateAccessKey against the emulator', () => {
  test('waits for a delayed new key, then deactivates and deletes the old one', async () => {
    const {
      caller,
      clientForKey: asKey,
      stop,
    } = await startEmulatorTarget({ newAccessKeyDelayMs: 600 });
    try {
      await caller.send('CreateUser', { UserName: 'ana' });
      const { AccessKey: old } = await caller.send('CreateAccessKey', { UserName: 'ana' });
      const started = Date.now();
      const result = await rotateAccessKey(caller, 'ana', {
        waitUntilUsable: true,
        clientForKey: asKey,
        deactivateOld: true,
        deleteOldAfter: true,
        deadlineMs: 10_000,
      });
      assert.ok(Date.now() - started >= 500, 'returned before the key could work');
      assert.equal(result.usable, true);
      assert.equal(result.oldKey, 'deleted');
      assert.equal(result.oldAccessKeyId, old.AccessKeyId);
      const keys = await caller.send('ListAccessKeys', { UserName: 'ana' });
      assert.deepEqual(
        keys.AccessKeyMetadata.map((key) => key.AccessKeyId),
        [result.newAccessKey?.accessKeyId],
      );
    } finally {
      await stop();
    }
  });

  test('a key that never works before the deadline leaves the old key alone', async () => {
    const {
      caller,
      clientForKey: asKey,
      stop,
    } = await startEmulatorTarget({ newAccessKeyDelayMs: 60_000 });
    try {
      await caller.send('CreateUser', { UserName: 'ana' });
      await caller.send('CreateAccessKey', { UserName: 'ana' });
      const result = await rotateAccessKey(caller, 'ana', {
        waitUntilUsable: true,
        clientForKey: asKey,
        deactivateOld: true,
        deleteOldAfter: true,
        deadlineMs: 500,
      });
      assert.equal(result.usable, false);
      assert.equal(result.oldKey, 'kept');
      const keys = await caller.send('ListAccessKeys', { UserName: 'ana' });
      assert.ok(keys.AccessKeyMetadata.every((key) => key.Status === 'Active'));
    } finally {
      await stop();
    }
  });

  test('a named key the user does not have is NoSuchEntity, as IAM words it', async () => {
    const { caller, stop } = await startEmulatorTarget();
    try {
      await caller.send('CreateUser', { UserName: 'nokey' });
      await assert.rejects(
        rotateAccessKey(caller, 'nokey', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }),
        (error) =>
          error instanceof LifecycleError &&
          error.code === 'NoSuchEntity' &&
          /The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found/.test(error.message),
      );
    } finally {
      await stop();
    }
  });

  test('refuses clearly with two keys and none that may go', async () => {
    const { caller, stop } = await startEmulatorTarget();
    try {
      await caller.send('CreateUser', { UserName: 'ana' });
      const { AccessKey: first } = await caller.send('CreateAccessKey', { UserName: 'ana' });
      const { AccessKey: second } = await caller.send('CreateAccessKey', { UserName: 'ana' });
      await assert.rejects(
        rotateAccessKey(caller, 'ana', { accessKeyId: first.AccessKeyId }),
        (error) => {
          assert.ok(error instanceof LifecycleError);
          assert.equal(error.code, 'RotateRefused');
          assert.match(error.message, new RegExp(second.AccessKeyId));
          return true;
        },
      );

      await caller.send('UpdateAccessKey', {
        UserName: 'ana',
        AccessKeyId: second.AccessKeyId,
        Status: 'Inactive',
      });
      const result = await rotateAccessKey(caller, 'ana', { whenFull: 'delete-inactive' });
      assert.deepEqual(result.deletedInactiveKeyIds, [second.AccessKeyId]);
      assert.equal(result.oldAccessKeyId, first.AccessKeyId);
      assert.equal(result.oldKey, 'kept');
    } finally {
      await stop();
    }
  });

  test('dryRun plans and changes nothing', async () => {
    const { caller, stop } = await startEmulatorTarget();
    try {
      await caller.send('CreateUser', { UserName: 'ana' });
      await caller.send('CreateAccessKey', { UserName: 'ana' });
      const result = await rotateAccessKey(caller, 'ana', { dryRun: true, deactivateOld: true });
      assert.equal(result.planned?.[0], 'CreateAccessKey');
      const keys = await caller.send('ListAccessKeys', { UserName: 'ana' });
      assert.equal(keys.AccessKeyMetadata.length, 1);
    } finally {
      await stop();
    }
  });
});
