// The verification steps once the key is known: session token, which headers are signed, the
// time window, the payload hash, and the canonical request rebuilt with the signer's own code.
import { canonicalRequest, canonicalRequestParts } from './canonical-request.js';
import { UNSIGNED_PAYLOAD, credentialScope, stringToSign } from './credential-scope.js';
import { toAmzDate } from './signing-date.js';
import {
  INVALID_TOKEN_MESSAGE,
  refuse,
  type VerifyFailure,
  type VerifySuccess,
} from './verify-errors.js';
import type { VerifyCredentials } from './verify-options.js';
import type { VerifyPlan } from './verify-plan.js';
import { rememberVerifyTemplate, verifyTemplateFor } from './verify-template.js';
import { completeBytes, completeText, type CanonicalTemplate } from './canonical-template.js';
import { constantTimeEqual } from './signature-compare.js';

export { constantTimeEqual } from './signature-compare.js';

/**
 * Checks what depends on the looked-up key or on the clock: the key exists, the session token is
 * the key's, `host` and every `x-amz-*` header are signed, and the request is within its time.
 *
 * @example const problem = checkAfterLookup(plan, lookupCredentials(plan.credential.accessKeyId))
 */
export function checkAfterLookup(
  plan: VerifyPlan,
  credentials: unknown,
): VerifyFailure | VerifyCredentials {
  if (credentials === undefined || credentials === null) {
    return refuse('InvalidClientTokenId', INVALID_TOKEN_MESSAGE);
  }
  const found = credentials as VerifyCredentials;
  if (typeof found !== 'object' || typeof found.secretAccessKey !== 'string') {
    return refuse('InternalFailure', 'lookupCredentials returned no secretAccessKey');
  }
  const expectedToken = found.sessionToken || undefined;
  const givenToken = plan.sessionToken || undefined;
  if (expectedToken !== givenToken) {
    if (expectedToken === undefined || givenToken === undefined) {
      return refuse('InvalidClientTokenId', INVALID_TOKEN_MESSAGE);
    }
    if (!constantTimeEqual(expectedToken, givenToken)) {
      return refuse('InvalidClientTokenId', INVALID_TOKEN_MESSAGE);
    }
  }

  return checkSignedHeaders(plan) ?? checkTime(plan) ?? found;
}

function checkSignedHeaders(plan: VerifyPlan): VerifyFailure | undefined {
  // SignedHeaders lists are short: a linear search beats building a Set per request.
  const signed = plan.signedHeaders;
  if (!signed.includes('host')) {
    return refuse(
      'SignatureDoesNotMatch',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  const headers = plan.request.headers;
  for (let i = 0; i < signed.length; i++) {
    const name = signed[i];
    if (!headers.has(name)) {
      return refuse(
        'SignatureDoesNotMatch',
        `The header '${name}' is named in SignedHeaders but is not in the request.`,
      );
    }
  }

  let unsigned: string[] | undefined;
  for (const name of headers.keys()) {
    // A session token may be added after signing (the official suite's "header after" case).
    // 120 is "x": most names are told apart by their first letter, before any string compare.
    if (
      name.charCodeAt(0) === 120 &&
      name.startsWith('x-amz-') &&
      name !== 'x-amz-security-token' &&
      !signed.includes(name)
    ) {
      (unsigned ??= []).push(name);
    }
  }
  if (unsigned !== undefined) {
    return refuse(
      'AccessDenied',
      'There were headers present in the request which were not signed: ' + unsigned.join(', '),
    );
  }
  return undefined;
}

function checkTime(plan: VerifyPlan): VerifyFailure | undefined {
  const { nowMs, skewMs } = plan.settings;
  const signedAt = plan.signedAtMs;

  if (plan.mode === 'query') {
    if (nowMs > signedAt + plan.expiresIn * 1000)
      return refuse('AccessDenied', 'Request has expired');
    if (nowMs < signedAt - skewMs) return refuse('AccessDenied', 'Request is not valid yet');
    return undefined;
  }

  if (signedAt >= nowMs - skewMs && signedAt <= nowMs + skewMs) return undefined;

  // Only a refusal needs the times as text.
  const minutes = `${Math.round(skewMs / 60000)} min.`;
  const now = toAmzDate(new Date(nowMs));
  if (signedAt < nowMs - skewMs) {
    const earliest = toAmzDate(new Date(nowMs - skewMs));
    return refuse(
      'SignatureDoesNotMatch',
      `Signature expired: ${plan.amzDate} is now earlier than ${earliest} (${now} - ${minutes})`,
    );
  }
  if (signedAt > nowMs + skewMs) {
    const latest = toAmzDate(new Date(nowMs + skewMs));
    return refuse(
      'SignatureDoesNotMatch',
      `Signature not yet current: ${plan.amzDate} is still later than ${latest} ` +
        `(${now} + ${minutes})`,
    );
  }
  return undefined;
}

/**
 * The body that still has to be hashed, or undefined when its hash is known or not needed.
 *
 * @example const body = bodyToHash(plan); const hash = body && sha256Hex(body);
 */
export function bodyToHash(plan: VerifyPlan): string | Uint8Array | undefined {
  if (plan.unsignedPayload || plan.knownBodyHash !== undefined) return undefined;
  return plan.request.body;
}

/**
 * The payload hash of the canonical request, given the body's hash; refuses a stated
 * `x-amz-content-sha256` that is not the body's.
 *
 * @example settlePayloadHash(plan, sha256Hex(body))
 */
export function settlePayloadHash(
  plan: VerifyPlan,
  computedBodyHash: string | undefined,
): string | VerifyFailure {
  if (plan.unsignedPayload) return UNSIGNED_PAYLOAD;
  const bodyHash = plan.knownBodyHash ?? (computedBodyHash as string);
  const stated = plan.statedContentHash;
  if (stated !== undefined && stated !== bodyHash) {
    return refuse(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed." +
        // S3 alone takes an unsigned payload; elsewhere the body's hash is signed.
        (stated === UNSIGNED_PAYLOAD
          ? ' UNSIGNED-PAYLOAD is accepted by S3 only: sign the SHA-256 of the body.'
          : ''),
    );
  }
  return bodyHash;
}

/** The canonical request and the start of the string to sign, rebuilt from the request. */
export interface RebuiltCanonical {
  /** The canonical request as text (made when first read, from a template). */
  readonly canonicalRequest: string;
  /** `canonicalRequest` as UTF-8 when a template had it at hand (valid until the next use). */
  readonly encoded: Uint8Array | undefined;
  /** The string to sign without its last line, which is the canonical request's hex hash. */
  readonly head: string;
}

// A canonical request from a template: its text is wanted only to hash it without the bytes or
// to explain a refusal, so it is joined only then.
class TemplateRebuilt implements RebuiltCanonical {
  readonly encoded: Uint8Array | undefined;
  readonly head: string;
  readonly #template: CanonicalTemplate;
  readonly #amzDate: string;
  readonly #payloadHash: string;
  constructor(template: CanonicalTemplate, amzDate: string, payloadHash: string, head: string) {
    this.head = head;
    this.#template = template;
    this.#amzDate = amzDate;
    this.#payloadHash = payloadHash;
    this.encoded = completeBytes(template, amzDate, payloadHash);
  }
  get canonicalRequest(): string {
    return completeText(this.#template, this.#amzDate, this.#payloadHash);
  }
}

/**
 * Rebuilds the canonical request with the signer's code (or from a template of the same request
 * shape). `withToken: false` leaves a presigned URL's X-Amz-Security-Token out, for tokens
 * appended after signing.
 *
 * @example rebuildCanonical(plan, payloadHash, true).canonicalRequest
 */
export function rebuildCanonical(
  plan: VerifyPlan,
  payloadHash: string,
  withToken: boolean,
): RebuiltCanonical {
  const head = stringToSignHead(plan);
  const template = verifyTemplateFor(plan, withToken);
  if (template !== undefined) {
    return new TemplateRebuilt(template, plan.amzDate, payloadHash, head);
  }

  const { request, settings } = plan;
  const params = withToken
    ? plan.params
    : plan.params.filter(([name]) => name !== 'X-Amz-Security-Token');
  const text = canonicalRequest(
    canonicalRequestParts({
      method: request.method,
      path: request.path,
      params,
      headers: request.headers,
      signedNames: plan.signedHeaders,
      payloadHash,
      pathEncoding: settings.pathEncoding,
      pathNormalization: settings.pathNormalization,
    }),
  );
  rememberVerifyTemplate(plan, withToken, text, payloadHash);
  return { canonicalRequest: text, encoded: undefined, head };
}

// The string to sign without its last line: the same for every request of one second and scope.
function stringToSignHead(plan: VerifyPlan): string {
  const { date, region, service } = plan.credential;
  const scope = credentialScope(date, region, service);
  const last = lastHead;
  if (last.amzDate === plan.amzDate && last.scope === scope) return last.head;
  const head = stringToSign(plan.amzDate, scope, '');
  lastHead = { amzDate: plan.amzDate, scope, head };
  return head;
}

let lastHead = { amzDate: '', scope: '', head: '' };

/**
 * The success answer for a verified plan.
 *
 * @example verified(plan) // { ok: true, accessKeyId: 'AKID...', mode: 'header', ... }
 */
export function verified(plan: VerifyPlan): VerifySuccess {
  const { accessKeyId, date, region, service } = plan.credential;
  return {
    ok: true,
    accessKeyId,
    mode: plan.mode,
    credentialScope: { date, region, service },
    sessionToken: Boolean(plan.sessionToken),
    signedHeaders: plan.signedHeaders,
  };
}

/**
 * Whether a failed presigned match is worth a second try without the session token: only when
 * the URL carries one, since some signers append it after signing.
 *
 * @example if (retryWithoutToken(plan)) rebuildCanonical(plan, payloadHash, false)
 */
export function retryWithoutToken(plan: VerifyPlan): boolean {
  return plan.mode === 'query' && plan.params.some(([name]) => name === 'X-Amz-Security-Token');
}
