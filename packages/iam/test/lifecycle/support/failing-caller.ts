// Wraps a caller so one chosen operation fails, as a step of a real run might.
import { IamError } from '@iam-bridge/iam';
import type { IamCaller } from '../../../src/lifecycle/iam-caller.js';

export function failingAt(
  caller: IamCaller,
  operation: string,
  code = 'ServiceFailure',
): IamCaller {
  return {
    send(name: string, input: object, options?: { signal?: AbortSignal }) {
      if (name === operation) {
        return Promise.reject(
          new IamError({
            code,
            message: `injected failure of ${name}`,
            status: 500,
            retryable: false,
          }),
        );
      }
      return (caller.send as (o: string, i: object, x?: object) => Promise<unknown>)(
        name,
        input,
        options,
      );
    },
  } as IamCaller;
}
