// RFC 3986 percent-encoding as SigV4 defines it: every byte except A-Z a-z 0-9 - _ . ~ becomes
// %XX with upper-case hex. Two flavours: encode a string as it stands (a literal `%` becomes
// `%25`), and re-encode an already encoded component (valid %XX escapes are decoded first), which
// is how query names/values and S3 path segments are canonicalized.

const HEX = '0123456789ABCDEF';
const utf8 = new TextEncoder();
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;

function isUnreservedByte(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x2d ||
    b === 0x5f ||
    b === 0x2e ||
    b === 0x7e
  );
}

function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += isUnreservedByte(b) ? String.fromCharCode(b) : '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/**
 * Percent-encodes a string's UTF-8 bytes with the SigV4 rule (a literal `%` becomes `%25`).
 *
 * @example uriEncode('a b/c') // 'a%20b%2Fc'
 */
export function uriEncode(value: string): string {
  // ASCII is encoded char by char, copying runs of unreserved characters whole.
  let out = '';
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isUnreservedByte(code)) continue;
    if (code >= 0x80) return encodeNonAscii(value);
    out += value.slice(run, i) + '%' + HEX[code >> 4] + HEX[code & 15];
    run = i + 1;
  }
  return run === 0 ? value : out + value.slice(run);
}

function encodeNonAscii(value: string): string {
  try {
    // encodeURIComponent leaves !'()* alone; SigV4 encodes them.
    return encodeURIComponent(value).replace(
      /[!'()*]/g,
      (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
    );
  } catch {
    // Lone surrogates: encode the replacement character, as a UTF-8 encoder would.
    return encodeBytes(utf8.encode(value));
  }
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Decodes valid `%XX` escapes to bytes (other characters to their UTF-8 bytes) and encodes the
 * result with the SigV4 rule. Works on bytes, so invalid UTF-8 escapes survive unchanged.
 * With `plusAsSpace`, a `+` is read as a space (form encoding); otherwise it is a literal plus.
 *
 * @example reencodeComponent('a%2fb+c', true) // 'a%2Fb%20c'
 */
export function reencodeComponent(value: string, plusAsSpace: boolean): string {
  // Most names and values (a signature, a date, an action) are unreserved characters only,
  // and the pattern, run as native code, says so faster than the loop below.
  if (UNRESERVED_ONLY.test(value)) return value;
  // ASCII input in one pass, without a byte array: each decoded byte is encoded on its own, so a
  // byte of a multi-byte character needs no UTF-8 handling either.
  let out = '';
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isUnreservedByte(code)) continue;
    if (code >= 0x80) return reencodeBytes(value, plusAsSpace);
    let byte = code;
    let width = 1;
    if (code === 0x25 && i + 2 < value.length) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        byte = (hi << 4) | lo;
        width = 3;
      }
    } else if (code === 0x2b && plusAsSpace) {
      byte = 0x20;
    }
    if (width === 3 && isUnreservedByte(byte)) {
      out += value.slice(run, i) + String.fromCharCode(byte);
    } else {
      out += value.slice(run, i) + '%' + HEX[byte >> 4] + HEX[byte & 15];
    }
    i += width - 1;
    run = i + 1;
  }
  return run === 0 ? value : out + value.slice(run);
}

function reencodeBytes(value: string, plusAsSpace: boolean): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x25 && i + 2 < value.length) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push((hi << 4) | lo);
        i += 2;
        continue;
      }
    }
    if (code === 0x2b && plusAsSpace) {
      bytes.push(0x20);
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      const end = code >= 0xd800 && code <= 0xdbff ? i + 2 : i + 1;
      for (const b of utf8.encode(value.slice(i, end))) bytes.push(b);
      i = end - 1;
    }
  }
  return encodeBytes(Uint8Array.from(bytes));
}

/**
 * Decodes `%XX` escapes to text, leniently: malformed escapes stay as written and invalid UTF-8
 * becomes U+FFFD. With `plusAsSpace`, `+` reads as a space.
 *
 * @example uriDecode('a%20b') // 'a b'
 */
export function uriDecode(value: string, plusAsSpace = false): string {
  const text = plusAsSpace ? value.replace(/\+/g, ' ') : value;
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      const bytes = new Uint8Array(run.length / 3);
      for (let i = 0; i < bytes.length; i++)
        bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
      return new TextDecoder('utf-8').decode(bytes);
    });
  }
}
