// Repeated request shapes signed from a template. Clients sign the same kind of request again and
// again (the same endpoint, method, headers and options; only the time and the body change), and
// everything of the canonical request but X-Amz-Date and the payload hash is then the same. A
// template keeps that, split where the time goes, so a repeat costs two string joins instead of
// sorting, encoding and joining every part again. Templates are made from the general path's own
// results, so both paths give the same canonical request by construction.
import { applyAuthHeaders, type CanonicalForm } from './canonical-form.js';
import {
  canonicalTemplate,
  completeBytes,
  completeText,
  fillDate,
  splitAtDate,
  type CanonicalTemplate,
  type DateSlot,
} from './canonical-template.js';
import type { CanonicalRequestParts } from './canonical-request.js';
import type { SigningPlan } from './signing-plan.js';

/** What a template was made from (the request before signing touched it) and what it gives. */
interface SigningTemplate {
  method: string;
  queryPlus: string;
  pathEncoding: string;
  pathNormalization: string;
  sessionTokenMode: string;
  sessionToken: string | undefined;
  accessKeyId: string;
  scope: string;
  expiresIn: number;
  headerNames: string[];
  headerValues: string[];

  /** The canonical request without its payload hash, which always comes last. */
  canonical: CanonicalTemplate;
  canonicalUri: string;
  canonicalQuery: DateSlot;
  canonicalHeaders: DateSlot;
  signedHeaders: string;
  signedNames: readonly string[];
  url: DateSlot;
  authorizationHead: string;
}

const TEMPLATE_LIMIT = 16;
// Per mode, keyed by the URL string; one template per URL, the newest shape wins. Bounded: the
// oldest URL goes first.
const templates = {
  header: new Map<string, SigningTemplate>(),
  query: new Map<string, SigningTemplate>(),
};

/**
 * The canonical form of a plan from a template made for the same shape, or undefined when there
 * is none (the caller builds it in full and offers the result with `rememberTemplate`). Applies
 * the same header changes as the full path.
 *
 * @example canonicalFromTemplate(plan, payloadHash) ?? canonicalizeFully(plan, payloadHash)
 */
export function canonicalFromTemplate(
  plan: SigningPlan,
  payloadHash: string,
): CanonicalForm | undefined {
  const key = plan.request.urlKey;
  if (key === undefined || !templatable(plan)) return undefined;
  const template = templates[plan.mode].get(key);
  if (template === undefined || !sameShape(template, plan)) return undefined;

  applyAuthHeaders(plan);
  const amzDate = plan.options.amzDate;
  const parts: CanonicalRequestParts = {
    method: template.method,
    canonicalUri: template.canonicalUri,
    canonicalQuery: fillDate(template.canonicalQuery, amzDate),
    canonicalHeaders: fillDate(template.canonicalHeaders, amzDate),
    signedHeaders: template.signedHeaders,
    payloadHash,
  };
  return {
    parts,
    text: completeText(template.canonical, amzDate, payloadHash),
    encoded: completeBytes(template.canonical, amzDate, payloadHash),
    signedNames: template.signedNames,
    url: fillDate(template.url, amzDate),
    authorizationHead: template.authorizationHead,
  };
}

/**
 * Keeps a template made from a form the full path built for `plan`, when the plan's shape can
 * repeat (a URL seen before) and the form splits unambiguously at X-Amz-Date. `headersBefore` is
 * the request's headers before signing changed them.
 *
 * @example rememberTemplate(plan, headersBefore, form)
 */
export function rememberTemplate(
  plan: SigningPlan,
  headersBefore: [string[], string[]],
  form: CanonicalForm,
): void {
  const key = plan.request.urlKey;
  if (key === undefined || !plan.request.urlSeen || !templatable(plan)) return;

  const { options } = plan;
  const amzDate = options.amzDate;
  const parts = form.parts;
  const withoutHash = form.text.slice(0, form.text.length - parts.payloadHash.length);
  // The time is in the query (presigned) or the headers; it must be there exactly once.
  const canonical = canonicalTemplate(withoutHash, amzDate);
  if (canonical === undefined) return;
  const canonicalQuery = splitAtDate(parts.canonicalQuery, amzDate);
  const canonicalHeaders = splitAtDate(parts.canonicalHeaders, amzDate);
  const url = splitAtDate(form.url, amzDate);
  if (canonicalQuery === undefined || canonicalHeaders === undefined || url === undefined) return;
  // A presigned URL holds the time once, inside its query; a header-signed one not at all (a path
  // that normalization shortens may hold text the canonical request does not).
  if ((url.tail !== undefined) !== (plan.mode === 'query')) return;
  if (form.authorizationHead.includes(amzDate)) return;

  const map = templates[plan.mode];
  if (!map.has(key) && map.size >= TEMPLATE_LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, {
    method: plan.request.method,
    queryPlus: options.queryPlus,
    pathEncoding: options.pathEncoding,
    pathNormalization: options.pathNormalization,
    sessionTokenMode: options.sessionToken,
    sessionToken: options.credentials.sessionToken,
    accessKeyId: options.credentials.accessKeyId,
    scope: plan.scope,
    expiresIn: plan.expiresIn,
    headerNames: headersBefore[0],
    headerValues: headersBefore[1],
    canonical,
    canonicalUri: parts.canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders: parts.signedHeaders,
    signedNames: Object.freeze(form.signedNames.slice()),
    url,
    authorizationHead: form.authorizationHead,
  });
}

/**
 * The request's headers as two lists (names, values), to remember with a template; undefined
 * when the plan cannot use templates.
 *
 * @example const before = headersForTemplate(plan)
 */
export function headersForTemplate(plan: SigningPlan): [string[], string[]] | undefined {
  if (plan.request.urlKey === undefined || !plan.request.urlSeen || !templatable(plan)) {
    return undefined;
  }
  const names: string[] = [];
  const values: string[] = [];
  for (const [name, value] of plan.request.headers) {
    names.push(name);
    values.push(value);
  }
  return [names, values];
}

// Shapes whose canonical request depends on more than the time and the payload hash in one
// place are always built in full: a stated x-amz-content-sha256 header carries the payload hash
// a second time, and a header selection is an object the caller may change.
function templatable(plan: SigningPlan): boolean {
  const options = plan.options;
  return options.contentSha256Header === 'omit' && options.signedHeaders === undefined;
}

function sameShape(t: SigningTemplate, plan: SigningPlan): boolean {
  const { options, request } = plan;
  if (
    t.method !== request.method ||
    t.scope !== plan.scope ||
    t.accessKeyId !== options.credentials.accessKeyId ||
    t.sessionToken !== options.credentials.sessionToken ||
    t.expiresIn !== plan.expiresIn ||
    t.queryPlus !== options.queryPlus ||
    t.pathEncoding !== options.pathEncoding ||
    t.pathNormalization !== options.pathNormalization ||
    t.sessionTokenMode !== options.sessionToken
  ) {
    return false;
  }
  const headers = request.headers;
  const names = t.headerNames;
  if (headers.size !== names.length) return false;
  for (let i = 0; i < names.length; i++) {
    if (headers.get(names[i]) !== t.headerValues[i]) return false;
  }
  return true;
}
