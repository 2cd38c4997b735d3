// Runs lifecycle operations against the emulator's store in-process: the same handlers,
// validation, DeleteConflict rules and fault switches as its HTTP server, without HTTP.
import { IamError } from '@iam-bridge/iam';
import {
  invokeAction,
  lookupCredentials,
  openStore,
  rootContext,
  userContext,
  type EmulatorContext,
  type EmulatorSwitches,
} from '../../../../iam-bridge/src/emulator/index.js';
import type { IamCaller } from '../../../src/lifecycle/iam-caller.js';

export interface EmulatorTarget {
  caller: IamCaller & { calls: number };
  /** A caller authenticating with an access key, as the HTTP server would check it. */
  asKey(credentials: { accessKeyId: string; secretAccessKey: string }): IamCaller;
  store: ReturnType<typeof openStore>;
  stop(): void;
}

export function emulatorTarget(
  switches: Partial<EmulatorSwitches> = {},
  options: { maxAttempts?: number } = {},
): EmulatorTarget {
  const store = openStore({ switches });
  const caller = makeCaller(store, () => rootContext(store), options.maxAttempts);
  const asKey = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
    makeCaller(store, () => {
      const found = lookupCredentials(store, credentials.accessKeyId, new Date());
      if (!found) {
        throw new IamError({ code: 'InvalidClientTokenId', message: 'unknown key', status: 403 });
      }
      if (found.secretAccessKey !== credentials.secretAccessKey) {
        throw new IamError({ code: 'SignatureDoesNotMatch', message: 'bad secret', status: 403 });
      }
      return found.principal.kind === 'user'
        ? userContext(store, found.principal.userName)
        : rootContext(store);
    });
  return {
    caller: caller as unknown as IamCaller & { calls: number },
    asKey: (credentials) => asKey(credentials) as unknown as IamCaller,
    store,
    stop: () => store.close(),
  };
}

function makeCaller(
  store: ReturnType<typeof openStore>,
  contextOf: () => EmulatorContext,
  maxAttempts = 10,
) {
  const caller = {
    calls: 0,
    async send(operation: string, input: object) {
      for (let attempt = 1; ; attempt++) {
        caller.calls++;
        // A structured clone stands in for the wire: handlers never see our objects.
        const wireInput = structuredClone(input) as Record<string, unknown>;
        await Promise.resolve();
        try {
          const output = invokeAction(store, operation, wireInput, contextOf());
          if (output === undefined) {
            throw new IamError({ code: 'InvalidAction', message: operation, status: 400 });
          }
          return structuredClone(output);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (typeof code !== 'string' || error instanceof IamError) throw error;
          const status = (error as { status?: number }).status ?? 400;
          const iamError = new IamError({ code, message: (error as Error).message, status });
          if (!iamError.retryable || attempt >= maxAttempts) throw iamError;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * 2 ** attempt));
        }
      }
    },
  };
  return caller;
}
