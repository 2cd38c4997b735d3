import { reencodeComponent, uriEncode } from './uri-encoding.js';

/** One query parameter, name and value already canonically encoded. */
export type EncodedParam = [name: string, value: string];

/**
 * How a `+` in a query string is read. `space`: form encoding, as browsers and URLSearchParams
 * read it (`a+b` is `a b`). `literal`: a plus sign. Either way the canonical query and the wire
 * URL carry the unambiguous `%20` or `%2B`.
 */
export type QueryPlus = 'space' | 'literal';

// The presigned-URL parameter names, each mapped to one shared string: every later lookup of a
// name read from a URL (in the verifier, several per request) then compares one pointer, not
// the characters.
const AUTH_NAMES: ReadonlyMap<string, string> = new Map(
  [
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-Expires',
    'X-Amz-SignedHeaders',
    'X-Amz-Security-Token',
    'X-Amz-Signature',
  ].map((name) => [name, name]),
);

/**
 * Splits a raw query string (without `?`) into canonically encoded pairs: each name and value is
 * decoded and re-encoded with the SigV4 rule; a name without `=` gets an empty value.
 *
 * @example parseQuery('b=2&a=x y', 'space') // [['b', '2'], ['a', 'x%20y']]
 */
export function parseQuery(query: string, plus: QueryPlus): EncodedParam[] {
  const params: EncodedParam[] = [];
  if (query === '') return params;

  const plusAsSpace = plus === 'space';
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    if (end > start) {
      // Name and value cut straight from the query: no intermediate `name=value` string.
      let eq = query.indexOf('=', start);
      if (eq > end) eq = -1;
      const name = eq === -1 ? query.slice(start, end) : query.slice(start, eq);
      const value = eq === -1 ? '' : query.slice(eq + 1, end);
      const encoded = reencodeComponent(name, plusAsSpace);
      // Only an X-Amz-* name can be an authentication parameter worth sharing.
      const shared = encoded.charCodeAt(0) === 0x58 ? AUTH_NAMES.get(encoded) : undefined;
      params.push([shared ?? encoded, reencodeComponent(value, plusAsSpace)]);
    }
    start = end + 1;
  }
  return params;
}

/**
 * Encodes decoded query values given as an object or as pairs. Values are taken literally (a `+`
 * is a plus); array values repeat the key.
 *
 * @example encodeQueryParams({ Action: 'ListUsers', 'Tag.1': 'a+b' })
 * // [['Action', 'ListUsers'], ['Tag.1', 'a%2Bb']]
 */
export function encodeQueryParams(
  params:
    Record<string, string | number | boolean | readonly string[]> | Iterable<[string, string]>,
): EncodedParam[] {
  const out: EncodedParam[] = [];
  const entries = isIterable(params) ? params : Object.entries(params);
  for (const [name, value] of entries) {
    if (Array.isArray(value)) {
      for (const item of value) out.push([uriEncode(name), uriEncode(String(item))]);
    } else {
      out.push([uriEncode(name), uriEncode(String(value))]);
    }
  }
  return out;
}

function isIterable(value: unknown): value is Iterable<[string, string]> {
  return typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}

function compareParams(a: EncodedParam, b: EncodedParam): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] === b[1]) return 0;
  return a[1] < b[1] ? -1 : 1;
}

/**
 * The canonical query string: pairs sorted by encoded name, then by encoded value (byte order,
 * repeated names kept), joined as `name=value` with `&`.
 *
 * @example canonicalQuery([['b', '1'], ['a', ''], ['a', '2']]) // 'a=&a=2&b=1'
 */
export function canonicalQuery(params: readonly EncodedParam[]): string {
  if (params.length === 0) return '';
  if (params.length === 1) return params[0][0] + '=' + params[0][1];

  // Clients usually send their parameters in order already; sorting a copy is then wasted work.
  let sorted = params;
  for (let i = 1; i < params.length; i++) {
    if (compareParams(params[i - 1], params[i]) > 0) {
      sorted = params.slice().sort(compareParams);
      break;
    }
  }
  let out = sorted[0][0] + '=' + sorted[0][1];
  for (let i = 1; i < sorted.length; i++) out += '&' + sorted[i][0] + '=' + sorted[i][1];
  return out;
}
