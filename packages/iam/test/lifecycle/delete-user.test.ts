import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deleteUser } from '../../src/lifecycle/delete-user.js';
import { LifecycleError } from '../../src/lifecycle/lifecycle-error.js';
import type { IamCaller } from '../../src/lifecycle/iam-caller.js';
import { failingAt } from './support/failing-caller.js';
import { createFullyLoadedUser } from './support/fully-loaded-user.js';
import { motoSkip, startEmulatorTarget, startMotoTarget, type Target } from './support/targets.js';

const everyKind = [
  'groupMembership',
  'inlinePolicy',
  'attachedPolicy',
  'accessKey',
  'sshPublicKey',
  'virtualMfaDevice',
  'loginProfile',
  'signingCertificate',
  'serviceSpecificCredential',
  'permissionsBoundary',
  'user',
];

function deleteUserSuite(name: string, start: () => Promise<Target>) {
  describe(`deleteUser against ${name}`, () => {
    let caller: IamCaller;
    let target: Target;
    let kinds = everyKind;
    const load = (userName: string) =>
      createFullyLoadedUser(caller, userName, {
        serviceSpecificCredential: target.full,
      });
    before(async () => {
      target = await start();
      caller = target.caller;
      // moto 5 has no service-specific credentials and leaves the permissions boundary
      // out of GetUser, so neither can be listed there.
      if (!target.full) {
        const missing = ['serviceSpecificCredential', 'permissionsBoundary'];
        kinds = everyKind.filter((kind) => !missing.includes(kind));
      }
    });
    after(() => target.stop());

    test('without force lists every blocker by kind and id and changes nothing', async () => {
      const loaded = await load('blocked');
      const error = await deleteUser(caller, 'blocked').then(
        () => assert.fail('expected DeleteConflict'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof LifecycleError);
      assert.equal(error.code, 'DeleteConflict');
      const blockerKinds = error.blockers.map((blocker) => blocker.kind);
      assert.deepEqual(
        blockerKinds,
        kinds.filter((k) => k !== 'permissionsBoundary' && k !== 'user'),
      );
      assert.ok(
        error.blockers.some((b) => b.kind === 'groupMembership' && b.id === loaded.groupName),
      );
      assert.ok(error.blockers.some((b) => b.id === loaded.serialNumber));
      await caller.send('GetUser', { UserName: 'blocked' });
    });

    test('dryRun lists everything that would go and removes nothing', async () => {
      await load('dry');
      const result = await deleteUser(caller, 'dry', { force: true, dryRun: true });
      assert.equal(result.status, 'planned');
      assert.equal(result.needsForce, true);
      assert.deepEqual(
        result.removed.map((item) => item.kind),
        kinds,
      );
      const keys = await caller.send('ListAccessKeys', { UserName: 'dry' });
      assert.equal(keys.AccessKeyMetadata.length, 1);
      const groups = await caller.send('ListGroupsForUser', { UserName: 'dry' });
      assert.equal(groups.Groups.length, 1);
    });

    test('dryRun without force lists what force would remove and that it is needed', async () => {
      await load('dry-unforced');
      const result = await deleteUser(caller, 'dry-unforced', { dryRun: true });
      assert.equal(result.status, 'planned');
      assert.equal(result.needsForce, true);
      assert.deepEqual(
        result.removed.map((item) => item.kind),
        kinds,
      );
      const keys = await caller.send('ListAccessKeys', { UserName: 'dry-unforced' });
      assert.equal(keys.AccessKeyMetadata.length, 1);
    });

    test('dryRun of a user with nothing attached says force is not needed', async () => {
      await caller.send('CreateUser', { UserName: 'dry-bare' });
      const result = await deleteUser(caller, 'dry-bare', { dryRun: true });
      assert.deepEqual(result, {
        status: 'planned',
        userName: 'dry-bare',
        removed: [{ kind: 'user', id: 'dry-bare' }],
        needsForce: false,
      });
      await caller.send('GetUser', { UserName: 'dry-bare' });
    });

    test('force removes one of each dependent, then the user, and reports them', async () => {
      const loaded = await load('loaded');
      const result = await deleteUser(caller, 'loaded', { force: true });
      assert.equal(result.status, 'deleted');
      assert.deepEqual(
        result.removed.map((item) => item.kind),
        kinds,
      );
      await assert.rejects(caller.send('GetUser', { UserName: 'loaded' }), {
        code: 'NoSuchEntity',
      });
      const devices = await caller.send('ListVirtualMFADevices', {});
      assert.ok(!devices.VirtualMFADevices.some((d) => d.SerialNumber === loaded.serialNumber));
      const group = await caller.send('GetGroup', { GroupName: loaded.groupName });
      assert.equal(group.Users.length, 0);
    });

    test('a second run finds the user gone and reports it absent', async () => {
      await caller.send('CreateUser', { UserName: 'twice' });
      assert.equal((await deleteUser(caller, 'twice', { force: true })).status, 'deleted');
      assert.deepEqual(await deleteUser(caller, 'twice', { force: true }), {
        status: 'absent',
        userName: 'twice',
        removed: [],
        needsForce: false,
      });
    });
  });
}

deleteUserSuite('the emulator', () => startEmulatorTarget());

describe('moto', { skip: motoSkip() }, () => {
  deleteUserSuite('moto_server', () => startMotoTarget());
});

describe('deleteUser when a step fails', () => {
  test('stops with what was removed so far, and a second run finishes the job', async () => {
    const target = await startEmulatorTarget();
    try {
      await createFullyLoadedUser(target.caller, 'halfway');
      const failing = failingAt(target.caller, 'DeleteSSHPublicKey');
      const error = await deleteUser(failing, 'halfway', { force: true }).catch((e: unknown) => e);
      assert.ok(error instanceof LifecycleError);
      assert.equal(error.code, 'DeleteFailed');
      assert.match(error.step ?? '', /^sshPublicKey /);
      assert.deepEqual(
        error.removed.map((item) => item.kind),
        ['groupMembership', 'inlinePolicy', 'attachedPolicy', 'accessKey'],
      );
      const result = await deleteUser(target.caller, 'halfway', { force: true });
      assert.equal(result.status, 'deleted');
      assert.equal(result.removed[0].kind, 'sshPublicKey');
    } finally {
      await target.stop();
    }
  });

  test('an EntityTemporarilyUnmodifiable login profile is retried to a deadline', async () => {
    const target = await startEmulatorTarget({ loginProfileUnmodifiableMs: 700 });
    try {
      const UserName = 'fresh';
      await target.caller.send('CreateUser', { UserName });
      await target.caller.send('CreateLoginProfile', { UserName, Password: 'Very-Long-Passw0rd!' });
      const early = await deleteUser(target.caller, UserName, {
        force: true,
        loginProfileDeadlineMs: 50,
      }).catch((e: unknown) => e);
      assert.ok(early instanceof LifecycleError);
      assert.equal(early.code, 'DeleteFailed');
      assert.equal((early.cause as { code?: string }).code, 'EntityTemporarilyUnmodifiable');

      const result = await deleteUser(target.caller, UserName, { force: true });
      assert.deepEqual(
        result.removed.map((item) => item.kind),
        ['loginProfile', 'user'],
      );
    } finally {
      await target.stop();
    }
  });
});
