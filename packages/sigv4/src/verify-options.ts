// What a caller hands the verifier, and the settings it derives from that.
import type { HeadersInput } from './canonical-headers.js';
import type { PathEncoding, PathNormalization } from './canonical-uri.js';

/** A received request, as a server holds it. */
export interface VerifiableRequest {
  /** The method as received. */
  method: string;
  /** Absolute URL, or origin form (`/path?query`) with a Host header. Path and query as sent. */
  url: string;
  headers: HeadersInput;
  /** The body as received; leave out when `payloadHash` is given or there is none. */
  body?: string | Uint8Array;
  /** Hex SHA-256 of the body, when the caller hashed it already (a streamed body). */
  payloadHash?: string;
}

/** The secret side of an access key, as the server's key store returns it. */
export interface VerifyCredentials {
  secretAccessKey: string;
  /** Set for temporary credentials: requests must then carry exactly this token. */
  sessionToken?: string;
}

/** Options of `verifyRequest`. */
export interface VerifyOptions {
  /** Finds the secret of an access key id; undefined when the key is unknown. */
  lookupCredentials(accessKeyId: string): VerifyCredentials | undefined;
  /** The service this server is, as it must appear in the credential scope (`iam`). */
  service: string;
  /** The region, or regions, a credential scope may name. */
  region: string | readonly string[];
  /** The server's clock; default `Date.now`. */
  now?: Date | (() => number);
  /**
   * Append the canonical request and string to sign to a signature mismatch's message, as AWS
   * Query services do, and return them as fields. Default false.
   */
  includeCanonicalInError?: boolean;
  /** How far a header-signed request's time may be from now, either way; default 15 minutes. */
  clockSkewMs?: number;
  /** Default `double`, `single` for S3 (as in signing). */
  pathEncoding?: PathEncoding;
  /** Default `normalize`, `none` for S3 (as in signing). */
  pathNormalization?: PathNormalization;
}

/** Options of `verifyRequestAsync`: the key store may answer asynchronously. */
export interface VerifyOptionsAsync extends Omit<VerifyOptions, 'lookupCredentials'> {
  lookupCredentials(
    accessKeyId: string,
  ): VerifyCredentials | undefined | Promise<VerifyCredentials | undefined>;
}

/** The verifier's settings, with every default applied. */
export interface VerifySettings {
  service: string;
  regions: readonly string[];
  nowMs: number;
  skewMs: number;
  includeCanonical: boolean;
  pathEncoding: PathEncoding;
  pathNormalization: PathNormalization;
}

// The one-region list made last: servers verify against the same region request after request.
let lastRegions: readonly string[] = Object.freeze(['']);

function regionList(region: string): readonly string[] {
  if (lastRegions[0] !== region) lastRegions = Object.freeze([region]);
  return lastRegions;
}

/** Fifteen minutes: how far AWS lets a request's time drift from its own clock. */
export const DEFAULT_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * Applies defaults; returns a sentence naming the problem when the options are unusable.
 *
 * @example resolveVerifySettings({ service: 'iam', region: 'us-east-1' }).service // 'iam'
 */
export function resolveVerifySettings(
  options: Omit<VerifyOptions, 'lookupCredentials'>,
): VerifySettings | string {
  if (options === null || typeof options !== 'object') return 'options are required';
  const { service, region } = options;
  if (typeof service !== 'string' || service === '') return 'options.service is required';
  const regions = typeof region === 'string' ? regionList(region) : region;
  if (!Array.isArray(regions) || regions.length === 0) return 'options.region is required';

  const now = options.now;
  const nowMs =
    now instanceof Date ? now.getTime() : typeof now === 'function' ? now() : Date.now();
  if (!Number.isFinite(nowMs)) return 'options.now gives no time';
  const skewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (typeof skewMs !== 'number' || !(skewMs >= 0)) return 'options.clockSkewMs must be >= 0';

  const s3 = service === 's3';
  return {
    service,
    regions,
    nowMs,
    skewMs,
    includeCanonical: options.includeCanonicalInError === true,
    pathEncoding: options.pathEncoding ?? (s3 ? 'single' : 'double'),
    pathNormalization: options.pathNormalization ?? (s3 ? 'none' : 'normalize'),
  };
}
