import { verifyRequest, type VerifiableRequest } from '@iam-bridge/sigv4';

import { rootContext, userContext, type EmulatorContext } from './context.js';
import { lookupCredentials, recordAccessKeyUse, type CredentialLookup } from './credentials.js';
import { EmulatorError } from './errors.js';
import type { EmulatorStore } from './store.js';

/**
 * The regions a request may be signed for: IAM is global and signs for `us-east-1`; STS
 * answers in every commercial region, so any of them is accepted in an STS scope.
 *
 * @example
 * signingRegions.sts.includes('eu-west-1'); // true
 */
export const signingRegions: Readonly<Record<'iam' | 'sts', readonly string[]>> = {
  iam: ['us-east-1'],
  sts: (
    'us-east-1 us-east-2 us-west-1 us-west-2 af-south-1 ap-east-1 ap-east-2 ap-south-1 ' +
    'ap-south-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-southeast-1 ap-southeast-2 ' +
    'ap-southeast-3 ap-southeast-4 ap-southeast-5 ap-southeast-7 ca-central-1 ca-west-1 ' +
    'eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 ' +
    'eu-west-3 il-central-1 me-central-1 me-south-1 mx-central-1 sa-east-1'
  ).split(' '),
};

/**
 * Checks a request's SigV4 signature (header or presigned) against the store's keys and
 * returns the context its handler runs in: the root user's for root keys, the owning
 * user's for keys the emulator issued. Records the key's use for `GetAccessKeyLastUsed`.
 *
 * @throws EmulatorError with the verifier's AWS code, status and message; a signature
 *   mismatch carries the canonical request and string to sign the emulator expected.
 * @example
 * const context = authenticate(store, request, 'iam', () => new Date());
 */
export function authenticate(
  store: EmulatorStore,
  request: VerifiableRequest,
  service: 'iam' | 'sts',
  now: () => Date,
): EmulatorContext {
  const at = now();
  let found: CredentialLookup | undefined;
  const result = verifyRequest(request, {
    lookupCredentials: (accessKeyId) => (found = lookupCredentials(store, accessKeyId, at)),
    service,
    region: signingRegions[service],
    now: () => at.getTime(),
    includeCanonicalInError: true,
  });
  if (!result.ok) throw new EmulatorError(result.code, result.status, result.message);
  if (found === undefined || found.accessKeyId !== result.accessKeyId) throw invalidToken();

  noteKeyUse(store, found.accessKeyId, service, result.credentialScope.region, at);
  if (found.principal.kind === 'root') return rootContext(store, { now });
  return userContext(store, found.principal.userName, { now });
}

// The last use written per key, per store. A key signing many requests a second is written
// once a second (and whenever its service or region changes) rather than on every request.
const writtenUses = new WeakMap<EmulatorStore, Map<string, string>>();
const KEY_USE_RESOLUTION_MS = 1000;

function noteKeyUse(
  store: EmulatorStore,
  accessKeyId: string,
  service: string,
  region: string,
  at: Date,
): void {
  let written = writtenUses.get(store);
  if (!written) writtenUses.set(store, (written = new Map()));
  const mark = `${service}/${region}/${Math.floor(at.getTime() / KEY_USE_RESOLUTION_MS)}`;
  if (written.get(accessKeyId) === mark) return;

  recordAccessKeyUse(store, accessKeyId, { service, region, now: at });
  written.set(accessKeyId, mark);
}

function invalidToken(): EmulatorError {
  return new EmulatorError(
    'InvalidClientTokenId',
    403,
    'The security token included in the request is invalid.',
  );
}
