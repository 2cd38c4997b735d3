import { IamError, type IamCaller, type IamClient } from './iam-api.js';

/** An IAM caller that can also return the request id of each call. */
export type DetailedCaller = IamCaller & { sendDetailed: IamClient['sendDetailed'] };

/**
 * The same caller, also writing the request id of every IAM call it makes (answered or
 * refused) into `requestIds`, so a change's audit entry can name them even when a
 * lifecycle operation made several calls. Handed to the change explicitly rather than
 * found through async context, which would tax every promise of the process.
 *
 * @example
 * const requestIds: string[] = [];
 * await createUser(recordingRequestIds(target.caller, requestIds), spec);
 */
export function recordingRequestIds(caller: DetailedCaller, requestIds: string[]): DetailedCaller {
  const sendDetailed = (async (action: string, input?: object, options?: object) => {
    try {
      const detailed = await (caller.sendDetailed as any)(action, input, options);
      if (detailed.requestId) requestIds.push(detailed.requestId);
      return detailed;
    } catch (error) {
      if (error instanceof IamError && error.requestId) requestIds.push(error.requestId);
      throw error;
    }
  }) as unknown as IamClient['sendDetailed'];
  return {
    sendDetailed,
    send: (async (action: string, input: object, options?: object) =>
      (await (sendDetailed as any)(action, input, options)).result) as IamCaller['send'],
  };
}
