import type { AccessKeyMetadata } from '../generated/iam-types.js';
import type { IamCaller, SendOptions } from './iam-caller.js';
import { waitUntilKeyUsable, type AccessKeyCredentials } from './key-usability.js';
import { errorSummary, hasErrorCode, LifecycleError } from './lifecycle-error.js';
import { listAll } from './list-all.js';
import { sleep } from './wait.js';

/**
 * Options of `rotateAccessKey`.
 *
 * - `accessKeyId`: the key being replaced; by default the user's only active key.
 * - `whenFull`: with two keys already, `'refuse'` (default) stops, `'delete-inactive'`
 *   first deletes an inactive key that is not the one being replaced.
 * - `waitUntilUsable`: poll IAM `GetUser` signed with the new key (through `clientForKey`)
 *   until AWS accepts it, for at most `deadlineMs` (default 30 s).
 * - `deactivateOld`: set the old key inactive. `deleteOldAfter`: delete the old key,
 *   `true` at once or a number of milliseconds after the new key works.
 *
 * @example
 * const options: RotateAccessKeyOptions = { deactivateOld: true, deleteOldAfter: true };
 */
export interface RotateAccessKeyOptions extends SendOptions {
  accessKeyId?: string;
  whenFull?: 'refuse' | 'delete-inactive';
  waitUntilUsable?: boolean;
  clientForKey?: (credentials: AccessKeyCredentials) => IamCaller;
  deadlineMs?: number;
  deactivateOld?: boolean;
  deleteOldAfter?: boolean | number;
  dryRun?: boolean;
}

/**
 * The outcome of a rotation. `newAccessKey.secretAccessKey` is shown here once. When the
 * new key did not work before the deadline, `usable` is `false` and the old key is left
 * as it was.
 *
 * @example
 * const { newAccessKey, oldAccessKeyId, oldKey } = await rotateAccessKey(client, 'ana');
 */
export interface RotateAccessKeyResult {
  userName: string;
  newAccessKey?: AccessKeyCredentials;
  oldAccessKeyId?: string;
  deletedInactiveKeyIds: string[];
  usable: boolean | 'unchecked';
  oldKey: 'kept' | 'deactivated' | 'deleted' | 'none';
  planned?: string[];
}

/**
 * Replaces a user's access key: makes room if allowed, creates the new key, optionally
 * waits until AWS accepts it, then deactivates and deletes the old one as asked.
 *
 * @throws LifecycleError `NoSuchEntity` (the named key is not the user's), `RotateRefused`
 *   (two keys and none may go, or several active keys and none named) or `RotateFailed`
 *   (retiring the old key failed after the new key was made; the message names the new
 *   key id, never its secret).
 * @example
 * const result = await rotateAccessKey(client, 'ana', {
 *   waitUntilUsable: true, clientForKey: (credentials) => new IamClient({ credentials }),
 *   deactivateOld: true, deleteOldAfter: true,
 * });
 */
export async function rotateAccessKey(
  caller: IamCaller,
  userName: string,
  options: RotateAccessKeyOptions = {},
): Promise<RotateAccessKeyResult> {
  const send = { ...(options.signal ? { signal: options.signal } : {}) };
  const keys = await listAll(
    caller,
    'ListAccessKeys',
    { UserName: userName },
    'AccessKeyMetadata',
    send,
  );
  const oldKey = chooseOldKey(userName, keys, options.accessKeyId);
  const toMakeRoom = keysToMakeRoom(userName, keys, oldKey, options.whenFull ?? 'refuse');

  const result: RotateAccessKeyResult = {
    userName,
    deletedInactiveKeyIds: [],
    usable: 'unchecked',
    oldKey: oldKey ? 'kept' : 'none',
    ...(oldKey?.AccessKeyId ? { oldAccessKeyId: oldKey.AccessKeyId } : {}),
  };
  if (options.dryRun) {
    result.planned = [
      ...toMakeRoom.map((id) => `DeleteAccessKey ${id}`),
      'CreateAccessKey',
      ...(options.waitUntilUsable ? ['wait until the new key is accepted'] : []),
      ...(oldKey && options.deactivateOld
        ? [`UpdateAccessKey ${oldKey.AccessKeyId} Inactive`]
        : []),
      ...(oldKey && options.deleteOldAfter !== undefined && options.deleteOldAfter !== false
        ? [`DeleteAccessKey ${oldKey.AccessKeyId}`]
        : []),
    ];
    return result;
  }

  for (const AccessKeyId of toMakeRoom) {
    await caller.send('DeleteAccessKey', { UserName: userName, AccessKeyId }, send);
    result.deletedInactiveKeyIds.push(AccessKeyId);
  }
  const { AccessKey } = await caller.send('CreateAccessKey', { UserName: userName }, send);
  result.newAccessKey = {
    accessKeyId: AccessKey.AccessKeyId,
    secretAccessKey: AccessKey.SecretAccessKey,
  };

  if (options.waitUntilUsable) {
    if (!options.clientForKey) {
      throw refused(userName, 'waitUntilUsable needs clientForKey to sign with the new key');
    }
    result.usable = await waitUntilKeyUsable(options.clientForKey(result.newAccessKey), {
      deadlineMs: options.deadlineMs ?? 30_000,
      ...send,
    });
    if (!result.usable) return result;
  }
  if (!oldKey?.AccessKeyId) return result;

  const UserName = userName;
  const AccessKeyId = oldKey.AccessKeyId;
  try {
    if (options.deactivateOld) {
      await caller.send('UpdateAccessKey', { UserName, AccessKeyId, Status: 'Inactive' }, send);
      result.oldKey = 'deactivated';
    }
    if (options.deleteOldAfter !== undefined && options.deleteOldAfter !== false) {
      if (typeof options.deleteOldAfter === 'number')
        await sleep(options.deleteOldAfter, send.signal);
      await caller.send('DeleteAccessKey', { UserName, AccessKeyId }, send).catch((error) => {
        if (!hasErrorCode(error, 'NoSuchEntity')) throw error;
      });
      result.oldKey = 'deleted';
    }
  } catch (error) {
    throw new LifecycleError({
      code: 'RotateFailed',
      message:
        `new key ${result.newAccessKey.accessKeyId} was created for ${userName}, but ` +
        `retiring old key ${AccessKeyId} failed (${errorSummary(error)}); ` +
        `old key is ${result.oldKey}`,
      userName,
      step: result.oldKey === 'kept' ? 'UpdateAccessKey' : 'DeleteAccessKey',
      cause: error,
    });
  }
  return result;
}

function chooseOldKey(
  userName: string,
  keys: AccessKeyMetadata[],
  accessKeyId: string | undefined,
): AccessKeyMetadata | undefined {
  if (accessKeyId !== undefined) {
    const named = keys.find((key) => key.AccessKeyId === accessKeyId);
    if (!named) {
      throw new LifecycleError({
        code: 'NoSuchEntity',
        message: `The Access Key with id ${accessKeyId} cannot be found for user ${userName}.`,
        userName,
      });
    }
    return named;
  }
  const active = keys.filter((key) => key.Status === 'Active');
  if (active.length > 1) {
    const ids = active.map((key) => key.AccessKeyId).join(', ');
    throw refused(userName, `user has two active keys (${ids}); name the one to rotate`);
  }
  return active[0];
}

function keysToMakeRoom(
  userName: string,
  keys: AccessKeyMetadata[],
  oldKey: AccessKeyMetadata | undefined,
  whenFull: 'refuse' | 'delete-inactive',
): string[] {
  // IAM allows two access keys per user; a third CreateAccessKey would fail.
  if (keys.length < 2) return [];
  const removable = keys.filter((key) => key !== oldKey && key.Status === 'Inactive');
  if (whenFull === 'delete-inactive' && removable.length > 0) {
    return [removable[0].AccessKeyId ?? ''];
  }
  const listed = keys.map((key) => `${key.AccessKeyId} (${key.Status})`).join(', ');
  const hint =
    removable.length > 0
      ? 'allow deleting the inactive key (whenFull: delete-inactive)'
      : 'delete one of them first';
  throw refused(userName, `user already has two access keys: ${listed}; ${hint}`);
}

function refused(userName: string, reason: string): LifecycleError {
  return new LifecycleError({
    code: 'RotateRefused',
    message: `cannot rotate the access key of ${userName}: ${reason}`,
    userName,
  });
}
