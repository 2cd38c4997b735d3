import { usageError } from './cli-error.js';

/** An HTTP/1.1 request read from a file, in the form the verifier takes. */
export interface RawRequest {
  method: string;
  /** Absolute URL: the request target, with the Host header's authority when it is a path. */
  url: string;
  /** Header names and values in file order; folded lines joined with one space. */
  headers: [string, string][];
  body: Uint8Array;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Parses a raw HTTP/1.1 request as it goes on the wire: request line, header lines (obsolete
 * folded continuation lines are unfolded), a blank line, the body. Lines may end in CRLF or LF.
 * With `Content-Length` the body is exactly that many bytes; without it, the body is the rest
 * of the file, and a rest made only of line endings counts as no body (an editor's final
 * newline). Chunked bodies are refused. Anything malformed is a `MalformedRequest` usage error
 * naming the line.
 *
 * @example
 * const raw = 'GET /?Action=ListUsers HTTP/1.1\r\nHost: iam.amazonaws.com\r\n\r\n';
 * parseRawRequest(Buffer.from(raw))
 *   .url // 'https://iam.amazonaws.com/?Action=ListUsers'
 */
export function parseRawRequest(bytes: Uint8Array): RawRequest {
  const { lines, bodyStart } = splitHead(bytes);
  if (lines.length === 0 || lines[0] === '') malformed(1, 'the file has no request line');

  // The target is everything between the first and the last space: AWS's own test requests
  // carry unencoded spaces in their paths.
  const requestLine = /^([^ ]+) (.+) (HTTP\/\d\.\d)$/.exec(lines[0]);
  if (!requestLine) {
    malformed(1, `expected "METHOD target HTTP/1.1", got ${shown(lines[0])}`);
  }
  const [, method, target] = requestLine;
  if (!TOKEN.test(method)) malformed(1, `method ${shown(method)} is not an HTTP token`);

  const headers = readHeaderLines(lines.slice(1));
  const url = absoluteUrl(target, headers);
  const body = readBody(bytes.subarray(bodyStart), headers);
  return { method, url, headers, body };
}

function splitHead(bytes: Uint8Array): { lines: string[]; bodyStart: number } {
  const decoder = new TextDecoder('utf-8');
  const lines: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const lf = bytes.indexOf(LF, start);
    const end = lf === -1 ? bytes.length : lf;
    const lineEnd = end > start && bytes[end - 1] === CR ? end - 1 : end;
    const line = decoder.decode(bytes.subarray(start, lineEnd));
    start = lf === -1 ? bytes.length : lf + 1;
    if (line === '') return { lines, bodyStart: start };
    lines.push(line);
  }
  return { lines, bodyStart: bytes.length };
}

function readHeaderLines(lines: string[]): [string, string][] {
  const headers: [string, string][] = [];
  lines.forEach((line, index) => {
    const lineNumber = index + 2;
    if (/^[ \t]/.test(line)) {
      const previous = headers[headers.length - 1];
      if (!previous) malformed(lineNumber, 'a folded continuation line comes before any header');
      previous[1] = `${previous[1]} ${line.trim()}`.trim();
      return;
    }
    const colon = line.indexOf(':');
    if (colon === -1) malformed(lineNumber, `header line ${shown(line)} has no ":"`);
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) {
      malformed(lineNumber, `header name ${shown(name)} is not a valid HTTP token`);
    }
    headers.push([name, line.slice(colon + 1).trim()]);
  });
  return headers;
}

function headerValue(headers: [string, string][], name: string): string | undefined {
  const found = headers.filter(([n]) => n.toLowerCase() === name);
  return found.length === 0 ? undefined : found.map(([, v]) => v).join(',');
}

function absoluteUrl(target: string, headers: [string, string][]): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) return target;
  if (!target.startsWith('/')) {
    malformed(1, `request target ${shown(target)} is neither a path nor a URL`);
  }
  const host = headerValue(headers, 'host');
  if (!host) malformed(1, 'a request with a path target needs a Host header');
  return `https://${host}${target}`;
}

function readBody(rest: Uint8Array, headers: [string, string][]): Uint8Array {
  const transferEncoding = headerValue(headers, 'transfer-encoding');
  if (transferEncoding !== undefined && transferEncoding.toLowerCase() !== 'identity') {
    throw usageError(
      'MalformedRequest',
      `Transfer-Encoding ${transferEncoding} is not supported: give the body with Content-Length`,
    );
  }

  const contentLength = headerValue(headers, 'content-length');
  if (contentLength === undefined) {
    return rest.every((byte) => byte === CR || byte === LF) ? new Uint8Array() : rest;
  }
  if (!/^\d+$/.test(contentLength)) {
    throw usageError('MalformedRequest', `Content-Length ${shown(contentLength)} is not a number`);
  }
  const length = Number(contentLength);
  if (rest.length < length) {
    throw usageError(
      'MalformedRequest',
      `Content-Length is ${length} but the body after the blank line has ${rest.length} bytes`,
    );
  }
  return rest.subarray(0, length);
}

function malformed(line: number, message: string): never {
  throw usageError('MalformedRequest', `request file line ${line}: ${message}`);
}

// Text from the file as a message quotes it: JSON-escaped and cut to 80 characters, so that
// a binary file gives one readable line.
function shown(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.length <= 80 ? quoted : `${quoted.slice(0, 77)}..."`;
}
