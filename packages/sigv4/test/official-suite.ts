// Loads AWS's official SigV4 test vectors (fixtures/sigv4, see its README) into plain cases.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const suiteRoot = fileURLToPath(new URL('./fixtures/sigv4/', import.meta.url));

export interface RawRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: string;
}

/** Reads the suites' HTTP request text: request line, headers with folded lines, blank, body. */
export function parseRawRequest(text: string): RawRequest {
  const normalized = text.replace(/\r\n/g, '\n');
  const blank = normalized.indexOf('\n\n');
  const head = blank === -1 ? normalized : normalized.slice(0, blank);
  const body = blank === -1 ? '' : normalized.slice(blank + 2);
  const lines = head.split('\n');
  const requestLine = lines[0].replace(/ HTTP\/1\.1$/, '');
  const space = requestLine.indexOf(' ');
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1][1] += '\n' + line;
    } else {
      const colon = line.indexOf(':');
      headers.push([line.slice(0, colon), line.slice(colon + 1)]);
    }
  }
  return { method: requestLine.slice(0, space), path: requestLine.slice(space + 1), headers, body };
}

export interface V4Case {
  name: string;
  request: RawRequest;
  context: {
    credentials: { access_key_id: string; secret_access_key: string; token?: string };
    expiration_in_seconds: number;
    normalize: boolean;
    region: string;
    service: string;
    sign_body: boolean;
    timestamp: string;
    omit_session_token?: boolean;
  };
  header: {
    canonicalRequest: string;
    stringToSign: string;
    signature: string;
    signedRequest: string;
  };
  query: {
    canonicalRequest: string;
    stringToSign: string;
    signature: string;
    signedRequest: string;
  };
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

export function loadV4Cases(): V4Case[] {
  const root = join(suiteRoot, 'v4');
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      return {
        name,
        request: parseRawRequest(read(dir, 'request.txt')),
        context: JSON.parse(read(dir, 'context.json')),
        header: {
          canonicalRequest: read(dir, 'header-canonical-request.txt'),
          stringToSign: read(dir, 'header-string-to-sign.txt'),
          signature: read(dir, 'header-signature.txt'),
          signedRequest: read(dir, 'header-signed-request.txt'),
        },
        query: {
          canonicalRequest: read(dir, 'query-canonical-request.txt'),
          stringToSign: read(dir, 'query-string-to-sign.txt'),
          signature: read(dir, 'query-signature.txt'),
          signedRequest: read(dir, 'query-signed-request.txt'),
        },
      };
    });
}

export interface LegacyCase {
  name: string;
  request: RawRequest;
  canonicalRequest: string;
  stringToSign: string;
  authorization: string;
  signedRequest: string;
}

export const LEGACY_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
export const LEGACY_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

export function loadLegacyCases(): LegacyCase[] {
  const root = join(suiteRoot, 'legacy');
  return readdirSync(root)
    .filter((name) => !name.startsWith('NOTES') && existsSync(join(root, name, `${name}.req`)))
    .sort()
    .map((name) => {
      const dir = join(root, name);
      return {
        name,
        request: parseRawRequest(read(dir, `${name}.req`)),
        canonicalRequest: read(dir, `${name}.creq`),
        stringToSign: read(dir, `${name}.sts`),
        authorization: read(dir, `${name}.authz`),
        signedRequest: read(dir, `${name}.sreq`),
      };
    });
}

/** Header lines of a signed request text, as [lower-case name, value] pairs. */
export function headerLines(text: string): [string, string][] {
  return parseRawRequest(text).headers.map(([n, v]) => [n.toLowerCase(), v.trim()]);
}
