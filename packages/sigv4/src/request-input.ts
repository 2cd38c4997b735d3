import {
  encodeQueryParams,
  parseQuery,
  type EncodedParam,
  type QueryPlus,
} from './canonical-query.js';
import { readHeaders, type HeadersInput } from './canonical-headers.js';
import { SigV4Error } from './errors.js';

/** A request to sign, in the forms callers hold it. */
export interface SignableRequest {
  /** HTTP method, any case; default `GET`. */
  method?: string;
  /** Absolute URL, as a string or URL object. The path is signed as it stands on the wire. */
  url: string | URL;
  /** Request headers: an object, pairs, or a Fetch `Headers`. */
  headers?: HeadersInput;
  /** Request body. */
  body?: string | Uint8Array | ArrayBuffer;
  /** Extra query parameters, decoded (a `+` is a plus), added to those in the URL. */
  query?:
    Record<string, string | number | boolean | readonly string[]> | Iterable<[string, string]>;
}

/** A request read into the parts signing works on. */
export interface PreparedRequest {
  method: string;
  /** `https:` */
  protocol: string;
  /** Host name, with the port when it is not the scheme's default. */
  host: string;
  /** The path as it goes on the wire. */
  path: string;
  /** Read only: the list may be shared with the URL cache. */
  params: readonly EncodedParam[];
  headers: Map<string, string>;
  body: string | Uint8Array | undefined;
  /** The URL string, when it alone gave the query (no `query` option). */
  urlKey: string | undefined;
  /** Whether the same URL string was read shortly before (its shape may repeat). */
  urlSeen: boolean;
}

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(:\d{1,5})?$/;
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
};

// SigV4 signs HTTP requests, and WebSocket upgrades (presigned wss:// URLs for streaming).
function checkScheme(protocol: string, url: string): void {
  if (DEFAULT_PORTS[protocol] === undefined) {
    throw new SigV4Error(
      'InvalidUrl',
      `url ${JSON.stringify(url)} has scheme ${protocol.slice(0, -1)}: ` +
        'SigV4 signs http, https, ws and wss requests',
    );
  }
}

function splitUrl(url: string | URL): {
  protocol: string;
  host: string;
  path: string;
  query: string;
} {
  if (typeof url !== 'string') {
    if (!(url instanceof URL)) {
      throw new SigV4Error('InvalidUrl', 'url must be a string or a URL object');
    }
    checkScheme(url.protocol, url.href);
    return {
      protocol: url.protocol,
      host: url.host,
      path: url.pathname,
      query: url.search.slice(1),
    };
  }

  const parts = URL_PARTS.exec(url);
  if (!parts) {
    throw new SigV4Error(
      'InvalidUrl',
      `url ${JSON.stringify(url)} does not parse: expected scheme://host/path?query`,
    );
  }
  const protocol = parts[1].toLowerCase() + ':';
  checkScheme(protocol, url);
  const hostPart = parts[2];
  if (hostPart.includes('@')) {
    throw new SigV4Error(
      'InvalidUrl',
      `url ${JSON.stringify(url.replace(/\/\/[^/@]*@/, '//***@'))} carries a user name or ` +
        'password: SigV4 takes credentials in the signing options, not in the URL',
    );
  }
  const hostMatch = HOST.exec(hostPart);
  if (!hostMatch) {
    throw new SigV4Error('InvalidUrl', `url ${JSON.stringify(url)} has no valid host`);
  }
  let host = hostMatch[1].toLowerCase();
  const port = hostMatch[2]?.slice(1);
  if (port !== undefined) {
    if (Number(port) > 65535)
      throw new SigV4Error(
        'InvalidUrl',
        `url ${JSON.stringify(url)} has port ${port} out of range`,
      );
    if (DEFAULT_PORTS[protocol] !== port) host += ':' + port;
  }
  return { protocol, host, path: parts[3] || '/', query: parts[4] ?? '' };
}

// The method that passed its check last; most calls repeat it.
let lastMethod = 'GET';

/** A URL string read into its signing parts, the query already canonically encoded. */
interface ReadUrl {
  protocol: string;
  host: string;
  path: string;
  params: readonly EncodedParam[];
}

const URL_CACHE_SIZE = 16;
// Recently read URL strings, per reading of `+`. Clients sign requests to the same endpoint over
// and over; the parse is the same every time, so the last few results are kept (bounded; the
// oldest goes first). Entries and their parameter pairs are frozen; the list itself is shared
// read-only (typed so) and left unfrozen, since V8 copies and filters frozen arrays far slower.
const urlCache = {
  space: new Map<string, ReadUrl & { seen: boolean }>(),
  literal: new Map<string, ReadUrl & { seen: boolean }>(),
};

function readUrl(url: string | URL, queryPlus: QueryPlus): ReadUrl & { seen: boolean } {
  if (typeof url !== 'string') return uncachedRead(url, queryPlus);
  // A presigned URL carries its own signature: a verifier meets each one once, so looking it
  // up (hashing all of it) and keeping it would only cost time and push out URLs that return.
  if (url.includes('X-Amz-Signature=')) return uncachedRead(url, queryPlus);
  const cache = queryPlus === 'space' ? urlCache.space : urlCache.literal;
  const known = cache.get(url);
  if (known !== undefined) return known;

  const parts = splitUrl(url);
  const params = parseQuery(parts.query, queryPlus);
  for (const param of params) Object.freeze(param);
  const entry = {
    protocol: parts.protocol,
    host: parts.host,
    path: parts.path,
    params,
    seen: true,
  };
  if (cache.size >= URL_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(url, Object.freeze(entry));
  return {
    protocol: entry.protocol,
    host: entry.host,
    path: entry.path,
    params: entry.params,
    seen: false,
  };
}

// Object literals, not spreads: V8 copies a spread object property by property on a slow path,
// which cost a verifier more than a microsecond per presigned URL.
function uncachedRead(url: string | URL, queryPlus: QueryPlus): ReadUrl & { seen: boolean } {
  const parts = splitUrl(url);
  return {
    protocol: parts.protocol,
    host: parts.host,
    path: parts.path,
    params: parseQuery(parts.query, queryPlus),
    seen: false,
  };
}

/**
 * Reads a request into its signing parts; `host` is set from the URL unless a Host header is given.
 *
 * @example prepareRequest({ url: 'https://iam.amazonaws.com/?Action=ListUsers' }, 'space')
 */
export function prepareRequest(request: SignableRequest, queryPlus: QueryPlus): PreparedRequest {
  if (request === null || typeof request !== 'object') {
    throw new SigV4Error('InvalidUrl', 'request must be an object with a url');
  }
  const given = request.method;
  const method =
    given === undefined ? 'GET' : given === lastMethod ? lastMethod : given.toUpperCase();
  if (method !== lastMethod) {
    if (!METHOD.test(method)) {
      throw new SigV4Error(
        'InvalidMethod',
        `method ${JSON.stringify(request.method)} is not a valid HTTP method`,
      );
    }
    lastMethod = method;
  }

  const read = readUrl(request.url, queryPlus);
  const { protocol, host, path } = read;
  let params = read.params;
  // The URL cache's list is shared: extra parameters go into a copy.
  if (request.query !== undefined) params = [...params, ...encodeQueryParams(request.query)];

  const headers = readHeaders(request.headers);
  if (!headers.has('host')) headers.set('host', host);

  const urlKey =
    typeof request.url === 'string' && request.query === undefined ? request.url : undefined;
  return {
    method,
    protocol,
    host,
    path,
    params,
    headers,
    body: readBody(request.body),
    urlKey,
    urlSeen: read.seen,
  };
}

function readBody(body: SignableRequest['body']): string | Uint8Array | undefined {
  if (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof Uint8Array
  ) {
    return body ?? undefined;
  }
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new SigV4Error('InvalidBody', 'body must be a string, Uint8Array, Buffer or ArrayBuffer');
}
