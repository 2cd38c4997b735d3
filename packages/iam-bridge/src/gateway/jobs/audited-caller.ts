import type { IamCaller } from '@iam-bridge/iam';

import { beginAudit } from '../audit.js';
import { errorSummaryCode } from '../errors.js';
import type { GatewayStore } from '../store/index.js';

/**
 * Wraps an IAM caller so each call that changes something is audited on its own: the
 * intent is stored before the call, the outcome and IAM request id after. Bulk jobs use
 * it, so a job killed mid-way leaves no change without its audit entry.
 *
 * @example
 * const caller = auditedCaller(target.caller, store, { caller: job.caller, ... });
 */
export function auditedCaller(
  inner: IamCaller & {
    sendDetailed: (...args: any[]) => Promise<{ result: any; requestId?: string }>;
  },
  store: GatewayStore,
  who: { caller: string; requestId: string; instanceId: string },
): IamCaller {
  return {
    send: (async (action: string, input: Record<string, unknown>, options?: object) => {
      if (/^(Get|List)/.test(action)) return inner.send(action as never, input as never, options);
      const userName = typeof input.UserName === 'string' ? input.UserName : undefined;
      const intent = await beginAudit(store, {
        ...who,
        action,
        target: userName ? `user/${userName}` : String(input.SerialNumber ?? 'account'),
      });
      try {
        const detailed = await inner.sendDetailed(action, input, options);
        await intent.finish({
          outcome: 'succeeded',
          status: 200,
          ...(detailed.requestId ? { iamRequestId: detailed.requestId } : {}),
        });
        return detailed.result;
      } catch (error) {
        const { code, status, requestId } = errorSummaryCode(error);
        await intent.finish({
          outcome: 'failed',
          status,
          errorCode: code,
          ...(requestId ? { iamRequestId: requestId } : {}),
        });
        throw error;
      }
    }) as IamCaller['send'],
  };
}
