import type { IamCaller, SendOptions } from './iam-caller.js';
import { hasErrorCode } from './lifecycle-error.js';
import { backoffDelay, sleep } from './wait.js';

/**
 * An access key pair as `CreateAccessKey` returned it.
 *
 * @example
 * const credentials: AccessKeyCredentials = { accessKeyId: 'AKIA...', secretAccessKey: '...' };
 */
export interface AccessKeyCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

// What IAM answers while a new key has not reached every endpoint yet.
const NOT_YET_KNOWN = ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'AuthFailure'];

/**
 * Polls IAM `GetUser` with a client signing with the new key until AWS accepts the key,
 * backing off between tries, and answers whether it did before `deadlineMs`. `AccessDenied`
 * counts as accepted: the key authenticated, it just may not read itself.
 *
 * @example
 * const usable = await waitUntilKeyUsable(new IamClient({ credentials }), { deadlineMs: 30_000 });
 */
export async function waitUntilKeyUsable(
  clientWithNewKey: IamCaller,
  options: SendOptions & { deadlineMs: number },
): Promise<boolean> {
  const deadline = Date.now() + options.deadlineMs;
  const send = { ...(options.signal ? { signal: options.signal } : {}) };
  for (let attempt = 0; ; attempt++) {
    try {
      await clientWithNewKey.send('GetUser', {}, send);
      return true;
    } catch (error) {
      if (hasErrorCode(error, 'AccessDenied', 'AccessDeniedException')) return true;
      if (!hasErrorCode(error, ...NOT_YET_KNOWN)) throw error;
    }
    const delay = Math.max(50, backoffDelay(attempt, 200, 3_000));
    if (Date.now() + delay > deadline) return false;
    await sleep(delay, options.signal);
  }
}
