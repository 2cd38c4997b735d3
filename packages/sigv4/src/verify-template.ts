// Repeated request shapes verified from a template: a server sees the same kind of request again
// and again (one client, one endpoint, the same signed headers; only the time, the body and the
// signature change). A template keeps the canonical request the full path rebuilt for that shape,
// split at X-Amz-Date, so a repeat skips encoding, sorting and joining. The hashing, the HMAC and
// the comparison are done for every request all the same.
import { canonicalTemplate, type CanonicalTemplate } from './canonical-template.js';
import type { VerifyPlan } from './verify-plan.js';

/** What a template was made from and the canonical request it keeps. */
interface VerifyTemplate {
  method: string;
  pathEncoding: string;
  pathNormalization: string;
  withToken: boolean;
  signedNames: readonly string[];
  /** Values of the signed headers, in `signedNames` order; x-amz-date's is the slot. */
  values: (string | undefined)[];
  canonical: CanonicalTemplate;
}

const TEMPLATE_LIMIT = 16;
// Per mode, keyed by the request's URL string; the newest shape per URL wins, the oldest URL goes.
const templates = {
  header: new Map<string, VerifyTemplate>(),
  query: new Map<string, VerifyTemplate>(),
};

/**
 * The template made for the same shape as this plan (its canonical request without the time and
 * payload hash), or undefined.
 *
 * @example completeBytes(verifyTemplateFor(plan, true)!, plan.amzDate, payloadHash)
 */
export function verifyTemplateFor(
  plan: VerifyPlan,
  withToken: boolean,
): CanonicalTemplate | undefined {
  const key = plan.request.urlKey;
  if (key === undefined) return undefined;
  const t = templates[plan.mode].get(key);
  return t !== undefined && sameShape(t, plan, withToken) ? t.canonical : undefined;
}

/**
 * Keeps a template of a canonical request the full path rebuilt for `plan`, when the URL was seen
 * before (its shape may repeat) and the text splits unambiguously at X-Amz-Date.
 *
 * @example rememberVerifyTemplate(plan, true, canonicalRequest, payloadHash)
 */
export function rememberVerifyTemplate(
  plan: VerifyPlan,
  withToken: boolean,
  canonicalRequest: string,
  payloadHash: string,
): void {
  const key = plan.request.urlKey;
  if (key === undefined || !plan.request.urlSeen) return;
  if (!canonicalRequest.endsWith('\n' + payloadHash)) return;
  // Header-signed requests carry the time in a signed x-amz-date header: that is the slot. A
  // presigned URL carries it in the URL itself, so its text changes only with the payload hash.
  const dated = plan.mode === 'header' && plan.signedHeaders.includes('x-amz-date');
  const withoutHash = canonicalRequest.slice(0, canonicalRequest.length - payloadHash.length);
  const canonical = canonicalTemplate(withoutHash, dated ? plan.amzDate : undefined);
  if (canonical === undefined) return;

  const headers = plan.request.headers;
  const map = templates[plan.mode];
  if (!map.has(key) && map.size >= TEMPLATE_LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, {
    method: plan.request.method,
    pathEncoding: plan.settings.pathEncoding,
    pathNormalization: plan.settings.pathNormalization,
    withToken,
    signedNames: plan.signedHeaders.slice(),
    values: plan.signedHeaders.map((name) =>
      dated && name === 'x-amz-date' ? undefined : headers.get(name),
    ),
    canonical,
  });
}

function sameShape(t: VerifyTemplate, plan: VerifyPlan, withToken: boolean): boolean {
  if (
    t.method !== plan.request.method ||
    t.withToken !== withToken ||
    t.pathEncoding !== plan.settings.pathEncoding ||
    t.pathNormalization !== plan.settings.pathNormalization
  ) {
    return false;
  }
  const names = plan.signedHeaders;
  const known = t.signedNames;
  if (names.length !== known.length) return false;
  const headers = plan.request.headers;
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== known[i]) return false;
    const value = t.values[i];
    // The slot's header (x-amz-date) is present: the signed-headers check saw to that.
    if (value !== undefined && headers.get(names[i]) !== value) return false;
  }
  return true;
}
