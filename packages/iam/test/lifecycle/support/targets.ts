// The servers lifecycle tests run against, each reached with the real IamClient over HTTP:
// the emulator (in memory, AWS's rules) and moto_server (an independent implementation).
import { IamClient } from '@iam-bridge/iam';
import { startEmulator, type EmulatorSwitches } from '../../../../iam-bridge/src/emulator/index.js';
import type { IamCaller } from '../../../src/lifecycle/iam-caller.js';
import { motoUnavailable, startMoto } from '../../support/moto-server.js';

export interface Target {
  name: string;
  caller: IamCaller;
  /** A client signing with another key, as `rotateAccessKey` needs. */
  clientForKey(credentials: { accessKeyId: string; secretAccessKey: string }): IamCaller;
  url: string;
  stop(): Promise<void>;
  /** moto 5 has no service-specific credentials and leaves the boundary out of GetUser. */
  full: boolean;
}

// Fast retries: the emulator's injected throttling is the only reason to retry in tests.
const retry = { baseDelayMs: 5, maxDelayMs: 200 };

function clientFor(url: string, credentials: { accessKeyId: string; secretAccessKey: string }) {
  return new IamClient({ credentials, endpoint: url, maxAttempts: 12, retry, env: {} });
}

export async function startEmulatorTarget(
  switches: Partial<EmulatorSwitches> = {},
): Promise<Target & { switches: EmulatorSwitches }> {
  const emulator = await startEmulator({ memory: true, switches });
  return {
    name: 'the emulator',
    caller: clientFor(emulator.url, emulator.rootCredentials),
    clientForKey: (credentials) => clientFor(emulator.url, credentials),
    url: emulator.url,
    stop: () => emulator.stop(),
    full: true,
    switches: emulator.store.switches,
  };
}

// Signatures are not checked here: with checks on, moto 5 refuses a signed form body that
// encodes a space as %20 (botocore sends '+', which it accepts), and an SSH public key body
// always holds spaces. packages/iam/test/moto covers checked signatures.
export async function startMotoTarget(): Promise<Target> {
  const moto = await startMoto();
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'moto-secret' };
  return {
    name: 'moto_server',
    caller: withoutServiceSpecificCredentials(clientFor(moto.url, credentials)),
    clientForKey: (keys) => clientFor(moto.url, keys),
    url: moto.url,
    stop: () => moto.stop(),
    full: false,
  };
}

export const motoSkip = (): string | false => motoUnavailable() ?? false;

// moto 5 answers ListServiceSpecificCredentials with an HTML 500: stand in with the empty
// list a user without any would give, so the rest of a delete can be exercised.
function withoutServiceSpecificCredentials(caller: IamCaller): IamCaller {
  return {
    send(operation: string, input: object, options?: { signal?: AbortSignal }) {
      if (operation === 'ListServiceSpecificCredentials') {
        return Promise.resolve({ ServiceSpecificCredentials: [], IsTruncated: false });
      }
      const send = caller.send as (o: string, i: object, x?: object) => Promise<unknown>;
      return send.call(caller, operation, input, options);
    },
  } as IamCaller;
}
