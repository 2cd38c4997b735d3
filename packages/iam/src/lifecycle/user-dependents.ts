import type { User } from '../generated/iam-types.js';
import type { IamCaller, SendOptions } from './iam-caller.js';
import { hasErrorCode } from './lifecycle-error.js';
import { listAll } from './list-all.js';
import type { UserDependent } from './user-dependent.js';

/**
 * A user and everything hanging off it, in the order a forced delete removes them.
 *
 * @example
 * const { user, dependents } = await listUserDependents(client, 'ana');
 */
export interface UserInventory {
  user: User;
  dependents: UserDependent[];
}

/**
 * Lists, by paging every list to its end, what a user has: group memberships, inline
 * policies, attached policies, access keys, SSH keys, virtual MFA devices (found among
 * the account's assigned virtual devices), other MFA devices, the login profile, signing
 * certificates, service-specific credentials and the permissions boundary. The order is
 * the order they must be removed in. Returns `undefined` when the user does not exist.
 *
 * @example
 * const inventory = await listUserDependents(client, 'ana');
 * inventory?.dependents; // [{ kind: 'groupMembership', id: 'dev' }, ...]
 */
export async function listUserDependents(
  caller: IamCaller,
  userName: string,
  options: SendOptions = {},
): Promise<UserInventory | undefined> {
  let user: User;
  try {
    user = (await caller.send('GetUser', { UserName: userName }, options)).User;
  } catch (error) {
    if (hasErrorCode(error, 'NoSuchEntity')) return undefined;
    throw error;
  }

  const forUser = { UserName: user.UserName };
  const [groups, inline, attached, keys, sshKeys, mfaDevices, certificates, credentials] =
    await Promise.all([
      listAll(caller, 'ListGroupsForUser', forUser, 'Groups', options),
      listAll(caller, 'ListUserPolicies', forUser, 'PolicyNames', options),
      listAll(caller, 'ListAttachedUserPolicies', forUser, 'AttachedPolicies', options),
      listAll(caller, 'ListAccessKeys', forUser, 'AccessKeyMetadata', options),
      listAll(caller, 'ListSSHPublicKeys', forUser, 'SSHPublicKeys', options),
      listAll(caller, 'ListMFADevices', forUser, 'MFADevices', options),
      listAll(caller, 'ListSigningCertificates', forUser, 'Certificates', options),
      listAll(
        caller,
        'ListServiceSpecificCredentials',
        forUser,
        'ServiceSpecificCredentials',
        options,
      ),
    ]);
  const virtualSerials = await assignedVirtualDevices(caller, user.UserName, mfaDevices, options);
  const hasLoginProfile = await caller.send('GetLoginProfile', forUser, options).then(
    () => true,
    (error: unknown) => {
      if (hasErrorCode(error, 'NoSuchEntity')) return false;
      throw error;
    },
  );

  const mfaSerials = new Set(mfaDevices.map((device) => device.SerialNumber));
  const dependents: UserDependent[] = [
    ...groups.map((group) => ({ kind: 'groupMembership' as const, id: group.GroupName })),
    ...inline.map((name) => ({ kind: 'inlinePolicy' as const, id: name })),
    ...attached.map((policy) => ({ kind: 'attachedPolicy' as const, id: policy.PolicyArn ?? '' })),
    ...keys.map((key) => ({ kind: 'accessKey' as const, id: key.AccessKeyId ?? '' })),
    ...sshKeys.map((key) => ({ kind: 'sshPublicKey' as const, id: key.SSHPublicKeyId })),
    ...virtualSerials.map((serial) => ({ kind: 'virtualMfaDevice' as const, id: serial })),
    ...[...mfaSerials]
      .filter((serial) => !virtualSerials.includes(serial))
      .map((serial) => ({ kind: 'mfaDevice' as const, id: serial })),
    ...(hasLoginProfile ? [{ kind: 'loginProfile' as const, id: user.UserName }] : []),
    ...certificates.map((cert) => ({
      kind: 'signingCertificate' as const,
      id: cert.CertificateId,
    })),
    ...credentials.map((credential) => ({
      kind: 'serviceSpecificCredential' as const,
      id: credential.ServiceSpecificCredentialId,
    })),
  ];
  const boundary = user.PermissionsBoundary?.PermissionsBoundaryArn;
  if (boundary) dependents.push({ kind: 'permissionsBoundary', id: boundary });
  return { user, dependents };
}

// ListMFADevices does not say which devices are virtual; the account-wide list of
// assigned virtual devices does. It is scanned only when the user has MFA at all.
async function assignedVirtualDevices(
  caller: IamCaller,
  userName: string,
  mfaDevices: ReadonlyArray<{ SerialNumber: string }>,
  options: SendOptions,
): Promise<string[]> {
  if (mfaDevices.length === 0) return [];
  const assigned = await listAll(
    caller,
    'ListVirtualMFADevices',
    { AssignmentStatus: 'Assigned' },
    'VirtualMFADevices',
    options,
  );
  const lowerName = userName.toLowerCase();
  return assigned
    .filter((device) => device.User?.UserName?.toLowerCase() === lowerName)
    .map((device) => device.SerialNumber);
}
