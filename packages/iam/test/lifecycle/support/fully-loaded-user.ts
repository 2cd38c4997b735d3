// Builds a user with one of every dependent IAM knows: the worst case for a delete.
import { readFileSync } from 'node:fs';
import { totpCode } from '../../../../iam-bridge/src/emulator/index.js';
import type { IamCaller } from '../../../src/lifecycle/iam-caller.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').trim();

export const sshPublicKeyBody = fixture('ssh-public-key.pub');
export const signingCertificateBody = fixture('signing-cert.pem');

export const allowAllDocument = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

export interface LoadedUser {
  userName: string;
  groupName: string;
  policyArn: string;
  boundaryArn: string;
  serialNumber: string;
}

export async function createPolicy(caller: IamCaller, name: string): Promise<string> {
  const input = { PolicyName: name, PolicyDocument: allowAllDocument };
  const { Policy } = await caller.send('CreatePolicy', input);
  return Policy!.Arn!;
}

export async function createFullyLoadedUser(
  caller: IamCaller,
  userName: string,
  options: { serviceSpecificCredential?: boolean } = {},
): Promise<LoadedUser> {
  const groupName = `${userName}-group`;
  const policyArn = await createPolicy(caller, `${userName}-attached`);
  const boundaryArn = await createPolicy(caller, `${userName}-boundary`);
  await caller.send('CreateGroup', { GroupName: groupName });

  await caller.send('CreateUser', { UserName: userName, PermissionsBoundary: boundaryArn });
  const UserName = userName;
  await caller.send('CreateAccessKey', { UserName });
  await caller.send('CreateLoginProfile', { UserName, Password: 'Very-Long-Passw0rd!' });
  await caller.send('UploadSSHPublicKey', { UserName, SSHPublicKeyBody: sshPublicKeyBody });
  await caller.send('UploadSigningCertificate', {
    UserName,
    CertificateBody: signingCertificateBody,
  });
  if (options.serviceSpecificCredential !== false) {
    await caller.send('CreateServiceSpecificCredential', {
      UserName,
      ServiceName: 'codecommit.amazonaws.com',
    });
  }
  await caller.send('AddUserToGroup', { UserName, GroupName: groupName });
  await caller.send('PutUserPolicy', {
    UserName,
    PolicyName: 'inline',
    PolicyDocument: allowAllDocument,
  });
  await caller.send('AttachUserPolicy', { UserName, PolicyArn: policyArn });

  const { VirtualMFADevice } = await caller.send('CreateVirtualMFADevice', {
    VirtualMFADeviceName: `${userName}-mfa`,
  });
  const seed = Buffer.from(VirtualMFADevice.Base32StringSeed ?? new Uint8Array()).toString('ascii');
  const now = new Date();
  await caller.send('EnableMFADevice', {
    UserName,
    SerialNumber: VirtualMFADevice.SerialNumber,
    AuthenticationCode1: totpCode(seed, now, -1),
    AuthenticationCode2: totpCode(seed, now),
  });
  return {
    userName,
    groupName,
    policyArn,
    boundaryArn,
    serialNumber: VirtualMFADevice.SerialNumber,
  };
}
