const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

/**
 * Percent-encodes text as RFC 3986 asks: every UTF-8 byte except `A-Z a-z 0-9 - _ . ~`
 * becomes `%XX` with upper-case hex, so a space is `%20`, never `+`.
 *
 * @example
 * percentEncode('a b/c*'); // 'a%20b%2Fc%2A'
 */
export function percentEncode(text: string): string {
  // Most names and values need no escape at all (Action, UserName, Version, ...).
  if (UNRESERVED_ONLY.test(text)) return text;
  // encodeURIComponent leaves ! ' ( ) * alone; RFC 3986 wants them encoded too.
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Builds an `application/x-www-form-urlencoded` body from name/value pairs, in order.
 *
 * @example
 * encodeForm([['Action', 'CreateUser'], ['UserName', 'ana maria']]);
 * // 'Action=CreateUser&UserName=ana%20maria'
 */
export function encodeForm(pairs: ReadonlyArray<readonly [string, string]>): string {
  let form = '';
  for (let i = 0; i < pairs.length; i++) {
    const [name, value] = pairs[i];
    form += (i === 0 ? '' : '&') + percentEncode(name) + '=' + percentEncode(value);
  }
  return form;
}

/**
 * Splits a form body (or a URL query without its `?`) into decoded name/value pairs, in
 * order; `+` is read as a space, as the form encoding defines it.
 *
 * @example
 * decodeForm('Action=ListUsers&PathPrefix=%2Fops%2F'); // [['Action', 'ListUsers'], ...]
 */
export function decodeForm(body: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of body.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    const value = equals === -1 ? '' : part.slice(equals + 1);
    pairs.push([decodeComponent(name), decodeComponent(value)]);
  }
  return pairs;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A stray `%` that starts no escape is taken literally rather than failing the request.
    return spaced;
  }
}
