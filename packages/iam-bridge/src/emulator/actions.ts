import * as accessKeys from './access-keys.js';
import type { Handler } from './action.js';
import type { EmulatorContext } from './context.js';
import * as groups from './groups.js';
import { findGroup } from './group-records.js';
import { iamArn } from './identifiers.js';
import * as inlinePolicies from './inline-policies.js';
import * as loginProfiles from './login-profiles.js';
import * as managedPolicies from './managed-policies.js';
import * as mfaDevices from './mfa-devices.js';
import * as passwordPolicy from './password-policy.js';
import * as permissionsBoundary from './permissions-boundary.js';
import * as policyAttachments from './policy-attachments.js';
import { authorize } from './policy-evaluation.js';
import * as policyVersions from './policy-versions.js';
import * as serviceCredentials from './service-credentials.js';
import * as signingCertificates from './signing-certificates.js';
import * as sshKeys from './ssh-keys.js';
import type { EmulatorStore } from './store.js';
import { getCallerIdentity } from './sts.js';
import { findUser } from './user-records.js';
import * as userTags from './user-tags.js';
import * as users from './users.js';

/**
 * Every IAM action the emulator implements, by its API name.
 *
 * @example
 * emulatorActions.CreateUser(store, { UserName: 'alice' }, rootContext(store));
 */
export const emulatorActions: Record<string, Handler> = {
  CreateUser: users.createUser,
  DeleteUser: users.deleteUser,
  GetUser: users.getUser,
  ListUsers: users.listUsers,
  UpdateUser: users.updateUser,
  ListUserTags: userTags.listUserTags,
  TagUser: userTags.tagUser,
  UntagUser: userTags.untagUser,
  DeleteUserPermissionsBoundary: permissionsBoundary.deleteUserPermissionsBoundary,
  PutUserPermissionsBoundary: permissionsBoundary.putUserPermissionsBoundary,
  CreateAccessKey: accessKeys.createAccessKey,
  DeleteAccessKey: accessKeys.deleteAccessKey,
  GetAccessKeyLastUsed: accessKeys.getAccessKeyLastUsed,
  ListAccessKeys: accessKeys.listAccessKeys,
  UpdateAccessKey: accessKeys.updateAccessKey,
  CreateLoginProfile: loginProfiles.createLoginProfile,
  DeleteLoginProfile: loginProfiles.deleteLoginProfile,
  GetLoginProfile: loginProfiles.getLoginProfile,
  UpdateLoginProfile: loginProfiles.updateLoginProfile,
  AddUserToGroup: groups.addUserToGroup,
  CreateGroup: groups.createGroup,
  DeleteGroup: groups.deleteGroup,
  GetGroup: groups.getGroup,
  ListGroups: groups.listGroups,
  ListGroupsForUser: groups.listGroupsForUser,
  RemoveUserFromGroup: groups.removeUserFromGroup,
  CreatePolicy: managedPolicies.createPolicy,
  DeletePolicy: managedPolicies.deletePolicy,
  GetPolicy: managedPolicies.getPolicy,
  ListPolicies: managedPolicies.listPolicies,
  CreatePolicyVersion: policyVersions.createPolicyVersion,
  DeletePolicyVersion: policyVersions.deletePolicyVersion,
  GetPolicyVersion: policyVersions.getPolicyVersion,
  ListPolicyVersions: policyVersions.listPolicyVersions,
  SetDefaultPolicyVersion: policyVersions.setDefaultPolicyVersion,
  AttachGroupPolicy: policyAttachments.attachGroupPolicy,
  AttachUserPolicy: policyAttachments.attachUserPolicy,
  DetachGroupPolicy: policyAttachments.detachGroupPolicy,
  DetachUserPolicy: policyAttachments.detachUserPolicy,
  ListAttachedGroupPolicies: policyAttachments.listAttachedGroupPolicies,
  ListAttachedUserPolicies: policyAttachments.listAttachedUserPolicies,
  ListEntitiesForPolicy: policyAttachments.listEntitiesForPolicy,
  DeleteGroupPolicy: inlinePolicies.deleteGroupPolicy,
  DeleteUserPolicy: inlinePolicies.deleteUserPolicy,
  GetGroupPolicy: inlinePolicies.getGroupPolicy,
  GetUserPolicy: inlinePolicies.getUserPolicy,
  ListGroupPolicies: inlinePolicies.listGroupPolicies,
  ListUserPolicies: inlinePolicies.listUserPolicies,
  PutGroupPolicy: inlinePolicies.putGroupPolicy,
  PutUserPolicy: inlinePolicies.putUserPolicy,
  CreateVirtualMFADevice: mfaDevices.createVirtualMFADevice,
  DeactivateMFADevice: mfaDevices.deactivateMFADevice,
  DeleteVirtualMFADevice: mfaDevices.deleteVirtualMFADevice,
  EnableMFADevice: mfaDevices.enableMFADevice,
  ListMFADevices: mfaDevices.listMFADevices,
  ListVirtualMFADevices: mfaDevices.listVirtualMFADevices,
  DeleteSSHPublicKey: sshKeys.deleteSSHPublicKey,
  GetSSHPublicKey: sshKeys.getSSHPublicKey,
  ListSSHPublicKeys: sshKeys.listSSHPublicKeys,
  UpdateSSHPublicKey: sshKeys.updateSSHPublicKey,
  UploadSSHPublicKey: sshKeys.uploadSSHPublicKey,
  DeleteSigningCertificate: signingCertificates.deleteSigningCertificate,
  ListSigningCertificates: signingCertificates.listSigningCertificates,
  UpdateSigningCertificate: signingCertificates.updateSigningCertificate,
  UploadSigningCertificate: signingCertificates.uploadSigningCertificate,
  CreateServiceSpecificCredential: serviceCredentials.createServiceSpecificCredential,
  DeleteServiceSpecificCredential: serviceCredentials.deleteServiceSpecificCredential,
  ListServiceSpecificCredentials: serviceCredentials.listServiceSpecificCredentials,
  ResetServiceSpecificCredential: serviceCredentials.resetServiceSpecificCredential,
  UpdateServiceSpecificCredential: serviceCredentials.updateServiceSpecificCredential,
  DeleteAccountPasswordPolicy: passwordPolicy.deleteAccountPasswordPolicy,
  GetAccountPasswordPolicy: passwordPolicy.getAccountPasswordPolicy,
  UpdateAccountPasswordPolicy: passwordPolicy.updateAccountPasswordPolicy,
};

/**
 * The STS actions the emulator answers on the same endpoint.
 *
 * @example
 * stsActions.GetCallerIdentity(store, {}, context).Arn;
 */
export const stsActions: Record<string, Handler> = { GetCallerIdentity: getCallerIdentity };

/**
 * The resource an IAM action is authorized against: the user, group, policy or MFA device
 * it names (the caller itself for user-scoped actions that name no user), else `*`.
 *
 * @example
 * actionResource(store, 'CreateUser', { UserName: 'alice' }, context);
 * // 'arn:aws:iam::123456789012:user/alice'
 */
export function actionResource(
  store: EmulatorStore,
  action: string,
  input: Record<string, unknown>,
  context: EmulatorContext,
): string {
  const text = (member: string) =>
    typeof input[member] === 'string' ? (input[member] as string) : undefined;
  const path = text('Path') ?? '/';

  const userName = text('UserName');
  if (userName !== undefined) {
    return findUser(store, userName)?.arn ?? iamArn(store.accountId, 'user', path, userName);
  }
  const groupName = text('GroupName');
  if (groupName !== undefined) {
    return findGroup(store, groupName)?.Arn ?? iamArn(store.accountId, 'group', path, groupName);
  }
  const policyArn = text('PolicyArn') ?? text('SerialNumber');
  if (policyArn !== undefined) return policyArn;
  if (action === 'CreatePolicy' && text('PolicyName')) {
    return iamArn(store.accountId, 'policy', path, text('PolicyName') as string);
  }
  if (action === 'CreateVirtualMFADevice' && text('VirtualMFADeviceName')) {
    return iamArn(store.accountId, 'mfa', path, text('VirtualMFADeviceName') as string);
  }
  const userScoped =
    /AccessKey|LoginProfile|SSHPublicKey|SigningCertificate|ServiceSpecific|MFADevices|^GetUser$/;
  if (context.caller.kind === 'user' && userScoped.test(action)) return context.caller.arn;
  return '*';
}

/**
 * Runs one action as the server does: injected faults first, then authorization of the
 * caller, then the handler in one transaction. `service` selects IAM or STS actions.
 * Unknown actions are `undefined` so the HTTP layer can answer `InvalidAction`.
 *
 * @example
 * invokeAction(store, 'CreateUser', { UserName: 'alice' }, userContext(store, 'bob'));
 */
export function invokeAction(
  store: EmulatorStore,
  action: string,
  input: Record<string, unknown>,
  context: EmulatorContext,
  service: 'iam' | 'sts' = 'iam',
): unknown {
  const handler = (service === 'iam' ? emulatorActions : stsActions)[action];
  if (!handler) return undefined;

  store.injectFault();
  return store.transaction(() => {
    if (service === 'iam') {
      authorize(
        store,
        context.caller,
        `iam:${action}`,
        actionResource(store, action, input, context),
      );
    }
    return handler(store, input, context);
  });
}
