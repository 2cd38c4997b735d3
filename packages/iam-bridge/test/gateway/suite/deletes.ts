// Deleting users: the 409 naming every blocker, dry runs, forced deletes of every dependent.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import type { TestGateway } from '../support.js';
import type { SuiteContext } from './context.js';
import { emulatorActions as actions, rootContext, totpCode } from '../../../src/emulator/index.js';
import { certificate, sshRsaPublicKey } from '../../emulator/helpers.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const allowAll = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** Registers these tests in the current describe block. */
export function defineDeleteTests(suite: SuiteContext): void {
  let g: TestGateway;
  before(() => {
    g = suite.gateway();
  });
  const audit = (query: string) => suite.audit(query);

  test('delete: 409 naming every blocker, dry run, forced delete of every dependent', async () => {
    const userName = 'dora';
    await g.call('POST', '/v1/users', {
      body: { userName, loginProfile: { password: 'Pa55word!xyz' }, accessKey: true },
    });
    await g.call('POST', '/v1/iam/CreateGroup', { body: { GroupName: 'dora-group' } });
    await g.call('PUT', `/v1/users/${userName}/groups/dora-group`);
    await g.call('PUT', `/v1/users/${userName}/policies`, { body: { policyArn: READ_ONLY } });
    const inline = await g.call('POST', '/v1/iam/PutUserPolicy', {
      body: {
        UserName: userName,
        PolicyName: 'inline',
        PolicyDocument: JSON.stringify(allowAll),
      },
    });
    assert.equal(inline.status, 200, inline.text);
    const boundary = await g.call('POST', '/v1/iam/PutUserPermissionsBoundary', {
      body: { UserName: userName, PermissionsBoundary: READ_ONLY },
    });
    assert.equal(boundary.status, 200, boundary.text);

    const emulator = g.gateway.context.target.emulator!;
    const root = rootContext(emulator.store);
    actions.UploadSSHPublicKey(
      emulator.store,
      { UserName: userName, SSHPublicKeyBody: sshRsaPublicKey() },
      root,
    );
    actions.UploadSigningCertificate(
      emulator.store,
      { UserName: userName, CertificateBody: certificate(3) },
      root,
    );
    actions.CreateServiceSpecificCredential(
      emulator.store,
      { UserName: userName, ServiceName: 'codecommit.amazonaws.com' },
      root,
    );
    const { VirtualMFADevice } = actions.CreateVirtualMFADevice(
      emulator.store,
      { VirtualMFADeviceName: 'dora-phone' },
      root,
    );
    const seed = Buffer.from(VirtualMFADevice.Base32StringSeed).toString('ascii');
    actions.EnableMFADevice(
      emulator.store,
      {
        UserName: userName,
        SerialNumber: VirtualMFADevice.SerialNumber,
        AuthenticationCode1: totpCode(seed, root.now(), -1),
        AuthenticationCode2: totpCode(seed, root.now()),
      },
      root,
    );

    const refused = await g.call('DELETE', `/v1/users/${userName}`, { key: g.keys.write });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.error.code, 'DeleteConflict');
    const kinds = new Set(refused.body.error.blockers.map((item: any) => item.kind));
    for (const kind of [
      'accessKey',
      'loginProfile',
      'groupMembership',
      'attachedPolicy',
      'inlinePolicy',
      'sshPublicKey',
      'signingCertificate',
      'serviceSpecificCredential',
    ]) {
      assert.ok(kinds.has(kind), `blockers name ${kind}: ${[...kinds].join(',')}`);
    }
    assert.ok(kinds.has('virtualMfaDevice') || kinds.has('mfaDevice'));

    const planned = await g.call('DELETE', `/v1/users/${userName}?force=true&dryRun=true`, {
      key: g.keys.write,
    });
    assert.equal(planned.status, 200);
    assert.equal(planned.body.status, 'planned');
    assert.equal((await g.call('GET', `/v1/users/${userName}`)).status, 200);

    const forced = await g.call('DELETE', `/v1/users/${userName}?force=true`, {
      key: g.keys.write,
    });
    assert.equal(forced.status, 200, forced.text);
    assert.equal(forced.body.status, 'deleted');
    assert.equal(forced.body.removed.at(-1).kind, 'user');
    assert.equal((await g.call('GET', `/v1/users/${userName}`)).status, 404);
    const again = await g.call('DELETE', `/v1/users/${userName}`, { key: g.keys.write });
    assert.equal(again.status, 404);
    const outcomes = (await audit(`target=user/${userName}&action=DeleteUser`)).map(
      (entry: any) => entry.outcome,
    );
    assert.deepEqual(outcomes, ['failed', 'succeeded', 'failed']);
  });

  test('delete dry run without force: 200 with the full preview and needsForce', async () => {
    await g.call('POST', '/v1/users', { body: { userName: 'preview-plain' } });
    await g.call('POST', '/v1/users', { body: { userName: 'preview-keyed', accessKey: true } });
    await g.call('PUT', '/v1/users/preview-keyed/policies', { body: { policyArn: READ_ONLY } });

    const keyed = await g.call('DELETE', '/v1/users/preview-keyed?dryRun=true', {
      key: g.keys.write,
    });
    assert.equal(keyed.status, 200, keyed.text);
    assert.equal(keyed.body.status, 'planned');
    assert.equal(keyed.body.needsForce, true);
    assert.deepEqual(keyed.body.removed.map((item: any) => item.kind).sort(), [
      'accessKey',
      'attachedPolicy',
      'user',
    ]);
    assert.equal(keyed.body.removed.at(-1).kind, 'user');
    const forcedPreview = await g.call('DELETE', '/v1/users/preview-keyed?dryRun=true&force=true', {
      key: g.keys.write,
    });
    assert.deepEqual(forcedPreview.body, keyed.body, 'force does not change the preview');

    const plainPreview = await g.call('DELETE', '/v1/users/preview-plain?dryRun=true', {
      key: g.keys.write,
    });
    assert.equal(plainPreview.status, 200, plainPreview.text);
    assert.equal(plainPreview.body.needsForce, false);
    assert.deepEqual(plainPreview.body.removed, [{ kind: 'user', id: 'preview-plain' }]);

    for (const userName of ['preview-plain', 'preview-keyed']) {
      assert.equal((await g.call('GET', `/v1/users/${userName}`)).status, 200, 'nothing changed');
    }
    assert.equal((await audit('target=user/preview-keyed&action=DeleteUser')).length, 0);
  });
}
