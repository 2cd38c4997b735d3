// The verification steps before any key or hash is needed: read the request, tell header from
// query authentication, parse it, and check the date and credential scope.
import type { EncodedParam } from './canonical-query.js';
import { UNSIGNED_PAYLOAD } from './credential-scope.js';
import { prepareRequest, type PreparedRequest } from './request-input.js';
import { amzDateMs, toAmzDate } from './signing-date.js';
import { parseAuthorization } from './parse-authorization.js';
import { isPresigned, parsePresignedQuery } from './parse-presigned-query.js';
import {
  clip,
  invalidVerifyOption,
  isFailure,
  refuse,
  type VerifyFailure,
} from './verify-errors.js';
import {
  resolveVerifySettings,
  type VerifiableRequest,
  type VerifyOptions,
  type VerifySettings,
} from './verify-options.js';
import { checkScope, type ParsedCredential } from './verify-scope.js';

/** Everything read from a request before its key is looked up. */
export interface VerifyPlan {
  mode: 'header' | 'query';
  request: PreparedRequest;
  settings: VerifySettings;
  credential: ParsedCredential;
  amzDate: string;
  /** X-Amz-Date (or the Date header) in epoch milliseconds. */
  signedAtMs: number;
  /** Presigned only: seconds the URL is valid from X-Amz-Date. */
  expiresIn: number;
  signedHeaders: string[];
  signature: string;
  sessionToken: string | undefined;
  /** The query as signed. */
  params: readonly EncodedParam[];
  /** The `x-amz-content-sha256` the client stated, if any. */
  statedContentHash: string | undefined;
  /** The body's hash when known without hashing (given, or empty body). */
  knownBodyHash: string | undefined;
  /** The payload hash is UNSIGNED-PAYLOAD and the body need not be hashed at all. */
  unsignedPayload: boolean;
}

const EMPTY_BODY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const ORIGIN_HOST = 'verify.invalid';

/**
 * Reads the request and its authentication, and checks what needs no key: form, date, scope.
 *
 * @example const plan = beginVerification(request, options); if (isFailure(plan)) return plan;
 */
export function beginVerification(
  input: VerifiableRequest,
  options: Omit<VerifyOptions, 'lookupCredentials'>,
): VerifyPlan | VerifyFailure {
  const settings = resolveVerifySettings(options);
  if (typeof settings === 'string') invalidVerifyOption(settings);

  const request = readRequest(input);
  if (isFailure(request)) return request;
  const headers = request.headers;
  const authorization = headers.get('authorization');
  const presigned = isPresigned(request.params);

  if (authorization !== undefined && presigned) {
    return refuse(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the ' +
        'Authorization header should be specified',
    );
  }
  if (authorization === undefined && !presigned) {
    return refuse('MissingAuthenticationToken', 'Request is missing Authentication Token');
  }

  const known = knownBodyHash(input, request);
  const stated = headers.get('x-amz-content-sha256');
  const s3 = settings.service === 's3';

  if (authorization !== undefined) {
    const amzDateHeader = headers.get('x-amz-date');
    const httpDate = headers.get('date');
    const dateProblem =
      amzDateHeader === undefined && httpDate === undefined
        ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
        : undefined;
    const parsed = parseAuthorization(authorization, dateProblem);
    if (isFailure(parsed)) return parsed;

    const signedAtMs =
      amzDateHeader !== undefined ? amzDateMs(amzDateHeader) : readHttpDate(httpDate);
    if (Number.isNaN(signedAtMs)) {
      return refuse(
        'IncompleteSignature',
        "Date must be in ISO-8601 'basic format'. " +
          `Got '${clip(amzDateHeader ?? httpDate ?? '')}'. ` +
          'See http://en.wikipedia.org/wiki/ISO_8601',
      );
    }
    const amzDate = amzDateHeader ?? toAmzDate(new Date(signedAtMs));
    const scopeProblem = checkScope(parsed.credential, amzDate, settings);
    if (scopeProblem !== undefined) return scopeProblem;

    return {
      mode: 'header',
      request,
      settings,
      statedContentHash: stated,
      knownBodyHash: known,
      credential: parsed.credential,
      amzDate,
      signedAtMs,
      expiresIn: 0,
      signedHeaders: parsed.signedHeaders,
      signature: parsed.signature,
      sessionToken: headers.get('x-amz-security-token'),
      params: request.params,
      unsignedPayload: s3 && stated === UNSIGNED_PAYLOAD,
    };
  }

  const parsed = parsePresignedQuery(request.params);
  if (isFailure(parsed)) return parsed;
  const scopeProblem = checkScope(parsed.credential, parsed.amzDate, settings);
  if (scopeProblem !== undefined) return scopeProblem;

  return {
    mode: 'query',
    request,
    settings,
    statedContentHash: stated,
    knownBodyHash: known,
    credential: parsed.credential,
    amzDate: parsed.amzDate,
    signedAtMs: parsed.signedAtMs,
    expiresIn: parsed.expiresIn,
    signedHeaders: parsed.signedHeaders,
    signature: parsed.signature,
    sessionToken: parsed.sessionToken ?? headers.get('x-amz-security-token'),
    params: parsed.signedParams,
    unsignedPayload: s3 && (stated === undefined || stated === UNSIGNED_PAYLOAD),
  };
}

function readRequest(input: VerifiableRequest): PreparedRequest | VerifyFailure {
  if (input === null || typeof input !== 'object' || typeof input.url !== 'string') {
    return refuse('InvalidRequest', 'request must be an object with a url string');
  }
  // 47 is "/": an origin-form request target (the path only, as servers receive it).
  const originForm = input.url.charCodeAt(0) === 47;
  let request: PreparedRequest;
  try {
    request = prepareRequest(
      {
        method: typeof input.method === 'string' ? input.method : String(input.method),
        url: originForm ? 'http://' + ORIGIN_HOST + input.url : input.url,
        headers: input.headers,
        body: input.body,
      },
      'space',
    );
  } catch (error) {
    return refuse('InvalidRequest', error instanceof Error ? error.message : String(error));
  }
  // An origin-form request names its host only in the Host header; never invent one.
  if (originForm && request.headers.get('host') === ORIGIN_HOST) request.headers.delete('host');
  return request;
}

function knownBodyHash(input: VerifiableRequest, request: PreparedRequest): string | undefined {
  if (typeof input.payloadHash === 'string') return input.payloadHash.toLowerCase();
  const body = request.body;
  return body === undefined || body.length === 0 ? EMPTY_BODY_HASH : undefined;
}

function readHttpDate(value: string | undefined): number {
  if (value === undefined || !HTTP_DATE.test(value)) return NaN;
  return Date.parse(value);
}
