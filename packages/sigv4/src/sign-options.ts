import type { HeaderSelection } from './canonical-headers.js';
import type { QueryPlus } from './canonical-query.js';
import type { PathEncoding, PathNormalization } from './canonical-uri.js';
import { inferScope } from './endpoint-inference.js';
import { SigV4Error } from './errors.js';
import { parseSigningDate, toAmzDate, type DateInput } from './signing-date.js';
import type { SigningKeyCache } from './signing-key-cache.js';

/** AWS credentials. The session token is present for temporary credentials. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Where the payload hash comes from. `hash`: SHA-256 of the body. `unsigned`: the literal
 * `UNSIGNED-PAYLOAD` (only services that allow it, such as S3). `{ sha256 }`: a hash the caller
 * computed (for streamed bodies).
 */
export type PayloadMode = 'hash' | 'unsigned' | { sha256: string };

/** Whether the `x-amz-content-sha256` header is added and signed (S3 requires it). */
export type ContentSha256Header = 'include' | 'omit';

/**
 * Where the session token goes. `signed`: added before signing, so it is part of the signature
 * (what most services expect). `appended`: added after signing, outside the signature.
 */
export type SessionTokenMode = 'signed' | 'appended';

/** Options shared by header signing and presigning. */
export interface SignOptions {
  credentials: Credentials;
  /** Signing region; inferred from AWS host names when left out. */
  region?: string;
  /** Signing service name; inferred from AWS host names when left out. */
  service?: string;
  /** Signing time; default now (plus `clockOffsetMs`). */
  date?: DateInput;
  /** Milliseconds added to the current time, learned from a server's clock. */
  clockOffsetMs?: number;
  /** A clock to read "now" from (tests inject one); default `Date.now`. */
  now?: () => number;
  /** Default `double`, `single` for S3. */
  pathEncoding?: PathEncoding;
  /** Default `normalize`, `none` for S3. */
  pathNormalization?: PathNormalization;
  /** Default `hash`; presigned S3 URLs default to `unsigned`. */
  payload?: PayloadMode;
  /** Default `omit`, `include` for S3 header signing. */
  contentSha256Header?: ContentSha256Header;
  /** Default `signed`. */
  sessionToken?: SessionTokenMode;
  /** Headers to leave out of, or restrict, the signature. */
  signedHeaders?: HeaderSelection;
  /** How `+` in the URL's query reads; default `space`. */
  queryPlus?: QueryPlus;
  /** Signing key cache; a shared bounded cache by default, `false` to derive every time. */
  keyCache?: SigningKeyCache | false;
  /** Include the derived signing key (hex) in the explanation. Off by default. */
  exposeSigningKey?: boolean;
}

/** Options for presigned URLs. */
export interface PresignOptions extends SignOptions {
  /** Seconds the URL stays valid, 1 to 604800; default 900. */
  expiresIn?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  credentials: Credentials;
  region: string;
  service: string;
  date: Date;
  amzDate: string;
  date8: string;
  pathEncoding: PathEncoding;
  pathNormalization: PathNormalization;
  payload: PayloadMode;
  contentSha256Header: ContentSha256Header;
  sessionToken: SessionTokenMode;
  signedHeaders: HeaderSelection | undefined;
  queryPlus: QueryPlus;
  keyCache: SigningKeyCache | false | undefined;
  exposeSigningKey: boolean;
}

/** Longest validity of a presigned URL: seven days. */
export const MAX_EXPIRES = 604800;

/**
 * Checks an X-Amz-Expires value: a whole number of seconds from 1 to 604800.
 *
 * @example checkExpires(30) // 30
 */
export function checkExpires(expiresIn: unknown): number {
  if (
    typeof expiresIn !== 'number' ||
    !Number.isInteger(expiresIn) ||
    expiresIn < 1 ||
    expiresIn > MAX_EXPIRES
  ) {
    throw new SigV4Error(
      'InvalidExpires',
      `expires must be a whole number of seconds from 1 to ${MAX_EXPIRES} (7 days), got ${typeof expiresIn === 'string' ? JSON.stringify(expiresIn) : String(expiresIn)}`,
    );
  }
  return expiresIn;
}

function checkCredentials(credentials: Credentials | undefined): Credentials {
  if (!credentials || typeof credentials !== 'object') {
    throw new SigV4Error(
      'MissingCredentials',
      'credentials are required: { accessKeyId, secretAccessKey }',
    );
  }
  if (typeof credentials.accessKeyId !== 'string' || credentials.accessKeyId === '') {
    throw new SigV4Error('MissingCredentials', 'credentials.accessKeyId is missing');
  }
  if (credentials.accessKeyId !== lastCheckedKeyId && /[\s/]/.test(credentials.accessKeyId)) {
    throw new SigV4Error(
      'MissingCredentials',
      'credentials.accessKeyId must not contain white space or "/"',
    );
  }
  if (typeof credentials.secretAccessKey !== 'string' || credentials.secretAccessKey === '') {
    throw new SigV4Error('MissingCredentials', 'credentials.secretAccessKey is missing');
  }
  if (credentials.sessionToken !== undefined && typeof credentials.sessionToken !== 'string') {
    throw new SigV4Error('MissingCredentials', 'credentials.sessionToken must be a string');
  }
  lastCheckedKeyId = credentials.accessKeyId;
  return credentials;
}

// The access key id, region and service that passed their checks last: callers sign with the
// same ones over and over, and a string comparison is cheaper than the pattern.
let lastCheckedKeyId = '';
let lastRegion: string | undefined;
let lastService: string | undefined;

// Region and service names: letters, digits and dashes (one signing name, IoT's secure
// tunneling's IoTSecuredTunneling, has capitals).
const SCOPE_PART = /^[A-Za-z0-9-]+$/;

// The X-Amz-Date signed last and its day: one string for every signature of that second.
let lastDay = { amzDate: '', date8: '' };

// Every option a caller may set, so a misspelt one is refused instead of silently ignored.
const KNOWN_OPTIONS = new Set([
  'credentials',
  'region',
  'service',
  'date',
  'clockOffsetMs',
  'now',
  'pathEncoding',
  'pathNormalization',
  'payload',
  'contentSha256Header',
  'sessionToken',
  'signedHeaders',
  'queryPlus',
  'keyCache',
  'exposeSigningKey',
  'expiresIn',
]);
// Option objects whose names were checked: callers reuse one object for many signatures. A
// name added to a checked object later goes unnoticed (a documented limitation): listing
// the keys on every call would cost each signature an array.
const checkedNames = new WeakSet<object>();

const PATH_ENCODINGS = ['double', 'single'] as const;
const PATH_NORMALIZATIONS = ['normalize', 'none'] as const;
const CONTENT_SHA256_HEADERS = ['include', 'omit'] as const;
const SESSION_TOKEN_MODES = ['signed', 'appended'] as const;
const QUERY_PLUS_READINGS = ['space', 'literal'] as const;
const PAYLOAD_MODES = ['hash', 'unsigned'] as const;

function checkMode(name: string, value: unknown, allowed: readonly unknown[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new SigV4Error(
      'InvalidOption',
      `${name} must be ${allowed.map((v) => JSON.stringify(v)).join(' or ')}, ` +
        `got ${JSON.stringify(value)}`,
    );
  }
}

/**
 * Refuses unknown option names and mode values outside their choices, naming them.
 *
 * @example checkOptionModes({ credentials, pathEncodign: 'single' }) // throws InvalidOption
 */
export function checkOptionModes(options: SignOptions): void {
  if (!checkedNames.has(options)) {
    for (const name of Object.keys(options)) {
      if (!KNOWN_OPTIONS.has(name)) {
        throw new SigV4Error('InvalidOption', `unknown signing option ${JSON.stringify(name)}`);
      }
    }
    checkedNames.add(options);
  }
  checkMode('pathEncoding', options.pathEncoding, PATH_ENCODINGS);
  checkMode('pathNormalization', options.pathNormalization, PATH_NORMALIZATIONS);
  checkMode('contentSha256Header', options.contentSha256Header, CONTENT_SHA256_HEADERS);
  checkMode('sessionToken', options.sessionToken, SESSION_TOKEN_MODES);
  checkMode('queryPlus', options.queryPlus, QUERY_PLUS_READINGS);
  const payload = options.payload;
  if (payload !== undefined && typeof payload !== 'object') {
    checkMode('payload', payload, PAYLOAD_MODES);
  }
}

/**
 * Applies defaults: region and service from the host when not given, the service's encoding and
 * payload rules, the signing time.
 *
 * @example resolveOptions({ credentials }, 'iam.amazonaws.com', 'header').service // 'iam'
 */
export function resolveOptions(
  options: SignOptions,
  host: string,
  mode: 'header' | 'query',
): ResolvedOptions {
  if (!options || typeof options !== 'object') {
    throw new SigV4Error('MissingCredentials', 'options with credentials are required');
  }
  const credentials = checkCredentials(options.credentials);
  checkOptionModes(options);

  let { region, service } = options;
  if (region === undefined || service === undefined) {
    const inferred = inferScope(host);
    region ??= inferred.region;
    service ??= inferred.service;
  }
  if (service === undefined)
    throw new SigV4Error(
      'MissingService',
      `no service given and none can be inferred from host ${host}`,
    );
  if (region === undefined)
    throw new SigV4Error(
      'MissingRegion',
      `no region given and none can be inferred from host ${host}`,
    );
  if (region !== lastRegion) {
    if (typeof region !== 'string' || !SCOPE_PART.test(region))
      throw new SigV4Error(
        'InvalidOption',
        `region ${JSON.stringify(region)} is not a region name`,
      );
    lastRegion = region;
  }
  if (service !== lastService) {
    if (typeof service !== 'string' || !SCOPE_PART.test(service))
      throw new SigV4Error(
        'InvalidOption',
        `service ${JSON.stringify(service)} is not a service name`,
      );
    lastService = service;
  }

  const date =
    options.date !== undefined
      ? parseSigningDate(options.date)
      : new Date((options.now ?? Date.now)() + (options.clockOffsetMs ?? 0));
  const amzDate = toAmzDate(date);
  if (amzDate !== lastDay.amzDate) lastDay = { amzDate, date8: amzDate.slice(0, 8) };
  const s3 = service === 's3';

  return {
    credentials,
    region,
    service,
    date,
    amzDate,
    date8: lastDay.date8,
    pathEncoding: options.pathEncoding ?? (s3 ? 'single' : 'double'),
    pathNormalization: options.pathNormalization ?? (s3 ? 'none' : 'normalize'),
    payload: options.payload ?? (s3 && mode === 'query' ? 'unsigned' : 'hash'),
    contentSha256Header:
      options.contentSha256Header ?? (s3 && mode === 'header' ? 'include' : 'omit'),
    sessionToken: options.sessionToken ?? 'signed',
    signedHeaders: options.signedHeaders,
    queryPlus: options.queryPlus ?? 'space',
    keyCache: options.keyCache,
    exposeSigningKey: options.exposeSigningKey === true,
  };
}
