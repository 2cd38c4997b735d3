import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { emulatorActions as a, totpCode } from '../../src/emulator/index.js';
import type { EmulatorContext, EmulatorStore } from '../../src/emulator/index.js';
import { allowAll, assertEmulatorError, certificate, setup, sshRsaPublicKey } from './helpers.js';

function enableVirtualMfa(store: EmulatorStore, root: EmulatorContext, userName: string) {
  const { VirtualMFADevice } = a.CreateVirtualMFADevice(
    store,
    { VirtualMFADeviceName: `${userName}-phone` },
    root,
  );
  const seed = Buffer.from(VirtualMFADevice.Base32StringSeed).toString('ascii');
  const now = root.now();
  a.EnableMFADevice(
    store,
    {
      UserName: userName,
      SerialNumber: VirtualMFADevice.SerialNumber,
      AuthenticationCode1: totpCode(seed, now, -1),
      AuthenticationCode2: totpCode(seed, now),
    },
    root,
  );
}

const dependents: {
  kind: string;
  add: (store: EmulatorStore, root: EmulatorContext) => void;
  message: string;
}[] = [
  {
    kind: 'access key',
    add: (store, root) => a.CreateAccessKey(store, { UserName: 'alice' }, root),
    message: 'Cannot delete entity, must delete access keys first.',
  },
  {
    kind: 'login profile',
    add: (store, root) =>
      a.CreateLoginProfile(store, { UserName: 'alice', Password: 'Pa55word!xyz' }, root),
    message: 'Cannot delete entity, must delete login profile first.',
  },
  {
    kind: 'MFA device',
    add: (store, root) => enableVirtualMfa(store, root, 'alice'),
    message: 'Cannot delete entity, must delete MFA device first.',
  },
  {
    kind: 'SSH public key',
    add: (store, root) =>
      a.UploadSSHPublicKey(store, { UserName: 'alice', SSHPublicKeyBody: sshRsaPublicKey() }, root),
    message: 'Cannot delete entity, must delete SSH public keys first.',
  },
  {
    kind: 'signing certificate',
    add: (store, root) =>
      a.UploadSigningCertificate(
        store,
        { UserName: 'alice', CertificateBody: certificate(1) },
        root,
      ),
    message: 'Cannot delete entity, must delete signing certificates first.',
  },
  {
    kind: 'service-specific credential',
    add: (store, root) =>
      a.CreateServiceSpecificCredential(
        store,
        { UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' },
        root,
      ),
    message: 'Cannot delete entity, must delete service specific credentials first.',
  },
  {
    kind: 'group membership',
    add: (store, root) => {
      a.CreateGroup(store, { GroupName: 'admins' }, root);
      a.AddUserToGroup(store, { GroupName: 'admins', UserName: 'alice' }, root);
    },
    message: 'Cannot delete entity, must remove users from group first.',
  },
  {
    kind: 'inline policy',
    add: (store, root) =>
      a.PutUserPolicy(
        store,
        { UserName: 'alice', PolicyName: 'all', PolicyDocument: allowAll },
        root,
      ),
    message: 'Cannot delete entity, must delete policies first.',
  },
  {
    kind: 'attached managed policy',
    add: (store, root) =>
      a.AttachUserPolicy(
        store,
        { UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        root,
      ),
    message: 'Cannot delete entity, must detach all policies first.',
  },
];

describe('DeleteUser refuses while a dependent remains', () => {
  for (const dependent of dependents) {
    it(`refuses while it has: ${dependent.kind}`, () => {
      const { store, root } = setup();
      a.CreateUser(store, { UserName: 'alice' }, root);
      dependent.add(store, root);

      assertEmulatorError(
        () => a.DeleteUser(store, { UserName: 'alice' }, root),
        'DeleteConflict',
        dependent.message,
        409,
      );
      assert.equal(a.GetUser(store, { UserName: 'alice' }, root).User.UserName, 'alice');
    });
  }

  it('deletes a user once nothing depends on it, keeping tags out of the way', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice', Tags: [{ Key: 'team', Value: 'x' }] }, root);
    a.DeleteUser(store, { UserName: 'alice' }, root);
    assertEmulatorError(
      () => a.GetUser(store, { UserName: 'alice' }, root),
      'NoSuchEntity',
      'The user with name alice cannot be found.',
      404,
    );
  });
});

describe('DeleteGroup and DeletePolicy refuse while in use', () => {
  it('DeleteGroup with a member, an inline policy, an attached policy', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    a.CreateGroup(store, { GroupName: 'admins' }, root);

    a.AddUserToGroup(store, { GroupName: 'admins', UserName: 'alice' }, root);
    assertEmulatorError(
      () => a.DeleteGroup(store, { GroupName: 'admins' }, root),
      'DeleteConflict',
      'Cannot delete entity, must remove users from group first.',
    );
    a.RemoveUserFromGroup(store, { GroupName: 'admins', UserName: 'alice' }, root);

    a.PutGroupPolicy(
      store,
      { GroupName: 'admins', PolicyName: 'p', PolicyDocument: allowAll },
      root,
    );
    assertEmulatorError(
      () => a.DeleteGroup(store, { GroupName: 'admins' }, root),
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
    );
    a.DeleteGroupPolicy(store, { GroupName: 'admins', PolicyName: 'p' }, root);

    const arn = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
    a.AttachGroupPolicy(store, { GroupName: 'admins', PolicyArn: arn }, root);
    assertEmulatorError(
      () => a.DeleteGroup(store, { GroupName: 'admins' }, root),
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
    );
    a.DetachGroupPolicy(store, { GroupName: 'admins', PolicyArn: arn }, root);
    a.DeleteGroup(store, { GroupName: 'admins' }, root);
  });

  it('DeletePolicy while attached and while it has other versions', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    const { Policy } = a.CreatePolicy(store, { PolicyName: 'p', PolicyDocument: allowAll }, root);

    a.AttachUserPolicy(store, { UserName: 'alice', PolicyArn: Policy.Arn }, root);
    assertEmulatorError(
      () => a.DeletePolicy(store, { PolicyArn: Policy.Arn }, root),
      'DeleteConflict',
      'Cannot delete a policy attached to entities.',
    );
    a.DetachUserPolicy(store, { UserName: 'alice', PolicyArn: Policy.Arn }, root);

    a.CreatePolicyVersion(store, { PolicyArn: Policy.Arn, PolicyDocument: allowAll }, root);
    assertEmulatorError(
      () => a.DeletePolicy(store, { PolicyArn: Policy.Arn }, root),
      'DeleteConflict',
      /more than one version/,
    );
    assertEmulatorError(
      () => a.DeletePolicyVersion(store, { PolicyArn: Policy.Arn, VersionId: 'v1' }, root),
      'DeleteConflict',
      'Cannot delete the default version of a policy.',
    );
    a.DeletePolicyVersion(store, { PolicyArn: Policy.Arn, VersionId: 'v2' }, root);
    a.DeletePolicy(store, { PolicyArn: Policy.Arn }, root);
  });

  it('DeleteVirtualMFADevice while assigned', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    enableVirtualMfa(store, root, 'alice');
    const serial = 'arn:aws:iam::123456789012:mfa/alice-phone';
    assertEmulatorError(
      () => a.DeleteVirtualMFADevice(store, { SerialNumber: serial }, root),
      'DeleteConflict',
    );
    a.DeactivateMFADevice(store, { UserName: 'alice', SerialNumber: serial }, root);
    a.DeleteVirtualMFADevice(store, { SerialNumber: serial }, root);
    a.DeleteUser(store, { UserName: 'alice' }, root);
  });
});
