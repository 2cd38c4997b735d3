import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string[]>();

/**
 * Runs `work` while collecting the request ids of the IAM calls it makes, so a change's
 * audit entry can name them even when a lifecycle operation made several calls.
 *
 * @example
 * const { value, requestIds } = await collectIamRequestIds(() => createUser(caller, spec));
 */
export async function collectIamRequestIds<T>(
  work: () => Promise<T>,
  requestIds: string[] = [],
): Promise<{ value: T; requestIds: string[] }> {
  const value = await current.run(requestIds, work);
  return { value, requestIds };
}

/**
 * Records one IAM request id for the change running now, if any.
 *
 * @example noteIamRequestId(detailed.requestId);
 */
export function noteIamRequestId(requestId: string | undefined): void {
  if (requestId) current.getStore()?.push(requestId);
}
