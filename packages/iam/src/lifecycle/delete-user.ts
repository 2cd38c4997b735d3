import type { IamCaller, SendOptions } from './iam-caller.js';
import { errorSummary, hasErrorCode, LifecycleError } from './lifecycle-error.js';
import { describeDependents, type UserDependent } from './user-dependent.js';
import { listUserDependents } from './user-dependents.js';
import { retryUntil } from './wait.js';

/**
 * Options of `deleteUser`. `force` removes whatever blocks the delete; `dryRun` only
 * reports what a forced delete would remove, with or without `force`, and changes
 * nothing; `loginProfileDeadlineMs` (default 60 s) bounds the
 * wait while IAM answers `EntityTemporarilyUnmodifiable` for the login profile.
 *
 * @example
 * const options: DeleteUserOptions = { force: true, dryRun: true };
 */
export interface DeleteUserOptions extends SendOptions {
  force?: boolean;
  dryRun?: boolean;
  loginProfileDeadlineMs?: number;
  onRemoved?: (dependent: UserDependent) => void;
}

/**
 * The outcome of `deleteUser`: `deleted`, `absent` (there was no such user) or `planned`
 * (dry run); `removed` lists, by kind and id, what was (or would be) removed, the user
 * itself last. `needsForce` says whether anything in that list blocks a delete without
 * `force` (a permissions boundary does not).
 *
 * @example
 * const result: DeleteUserResult = {
 *   status: 'absent',
 *   userName: 'ana',
 *   removed: [],
 *   needsForce: false,
 * };
 */
export interface DeleteUserResult {
  status: 'deleted' | 'absent' | 'planned';
  userName: string;
  removed: UserDependent[];
  needsForce: boolean;
}

/**
 * Deletes a user. A dry run (`dryRun`) lists everything a forced delete would remove and
 * whether `force` is needed, and never throws `DeleteConflict`. Without `force`, anything
 * that would block the delete is listed first and reported as a `DeleteConflict` naming
 * every blocker (the listing decides, not the server, because some servers let the delete
 * through). With `force`, dependents go
 * first in the order IAM needs; `NoSuchEntity` at any step counts as done, any other error
 * stops with `DeleteFailed` listing what was removed so far, and running it again
 * finishes the job.
 *
 * @throws LifecycleError `DeleteConflict` or `DeleteFailed`.
 * @example
 * const { removed } = await deleteUser(client, 'ana', { force: true });
 * // [{ kind: 'accessKey', id: 'AKIA...' }, ..., { kind: 'user', id: 'ana' }]
 */
export async function deleteUser(
  caller: IamCaller,
  userName: string,
  options: DeleteUserOptions = {},
): Promise<DeleteUserResult> {
  const send = { ...(options.signal ? { signal: options.signal } : {}) };
  const inventory = await listUserDependents(caller, userName, send);
  if (inventory === undefined) {
    return { status: 'absent', userName, removed: [], needsForce: false };
  }

  const actualName = inventory.user.UserName;
  // A permissions boundary never blocks DeleteUser; everything else does.
  const blockers = inventory.dependents.filter((item) => item.kind !== 'permissionsBoundary');
  const needsForce = blockers.length > 0;
  const everything = [...inventory.dependents, { kind: 'user' as const, id: actualName }];
  if (options.dryRun) {
    return { status: 'planned', userName: actualName, removed: everything, needsForce };
  }

  if (!options.force && needsForce) {
    throw new LifecycleError({
      code: 'DeleteConflict',
      message:
        `user ${actualName} still has ${describeDependents(blockers)}; ` +
        'use force to remove them',
      userName: actualName,
      blockers,
    });
  }

  const removed: UserDependent[] = [];
  for (const dependent of everything) {
    try {
      await remove(caller, actualName, dependent, options, send);
    } catch (error) {
      if (!hasErrorCode(error, 'NoSuchEntity')) {
        throw new LifecycleError({
          code: 'DeleteFailed',
          message:
            `deleting user ${actualName} stopped at ${dependent.kind} ${dependent.id} ` +
            `(${errorSummary(error)}); removed so far: ${describeDependents(removed)}`,
          userName: actualName,
          step: `${dependent.kind} ${dependent.id}`,
          removed,
          cause: error,
        });
      }
    }
    removed.push(dependent);
    options.onRemoved?.(dependent);
  }
  return { status: 'deleted', userName: actualName, removed, needsForce };
}

async function remove(
  caller: IamCaller,
  UserName: string,
  { kind, id }: UserDependent,
  options: DeleteUserOptions,
  send: SendOptions,
): Promise<void> {
  switch (kind) {
    case 'groupMembership':
      await caller.send('RemoveUserFromGroup', { UserName, GroupName: id }, send);
      return;
    case 'inlinePolicy':
      await caller.send('DeleteUserPolicy', { UserName, PolicyName: id }, send);
      return;
    case 'attachedPolicy':
      await caller.send('DetachUserPolicy', { UserName, PolicyArn: id }, send);
      return;
    case 'accessKey':
      await caller.send('DeleteAccessKey', { UserName, AccessKeyId: id }, send);
      return;
    case 'sshPublicKey':
      await caller.send('DeleteSSHPublicKey', { UserName, SSHPublicKeyId: id }, send);
      return;
    case 'virtualMfaDevice':
      await deactivateMfa(caller, UserName, id, send);
      await caller.send('DeleteVirtualMFADevice', { SerialNumber: id }, send);
      return;
    case 'mfaDevice':
      await caller.send('DeactivateMFADevice', { UserName, SerialNumber: id }, send);
      return;
    case 'loginProfile':
      await retryUntil(() => caller.send('DeleteLoginProfile', { UserName }, send), {
        deadlineMs: options.loginProfileDeadlineMs ?? 60_000,
        shouldRetry: (error) => hasErrorCode(error, 'EntityTemporarilyUnmodifiable'),
        ...(send.signal ? { signal: send.signal } : {}),
      });
      return;
    case 'signingCertificate':
      await caller.send('DeleteSigningCertificate', { UserName, CertificateId: id }, send);
      return;
    case 'serviceSpecificCredential':
      await caller.send(
        'DeleteServiceSpecificCredential',
        { UserName, ServiceSpecificCredentialId: id },
        send,
      );
      return;
    case 'permissionsBoundary':
      await caller.send('DeleteUserPermissionsBoundary', { UserName }, send);
      return;
    case 'user':
      await caller.send('DeleteUser', { UserName }, send);
      return;
  }
}

// A re-run may find the device already deactivated but not yet deleted.
async function deactivateMfa(
  caller: IamCaller,
  UserName: string,
  SerialNumber: string,
  send: SendOptions,
): Promise<void> {
  try {
    await caller.send('DeactivateMFADevice', { UserName, SerialNumber }, send);
  } catch (error) {
    if (!hasErrorCode(error, 'NoSuchEntity')) throw error;
  }
}
