import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifyRequest } from '@iam-bridge/sigv4';
import { CliError } from '../../src/cli/cli-error.js';
import { parseRawRequest } from '../../src/cli/raw-request.js';
import { repoRoot } from './run-cli.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (body: Uint8Array) => new TextDecoder().decode(body);

function refused(raw: string, message: RegExp): void {
  assert.throws(
    () => parseRawRequest(bytes(raw)),
    (error: unknown) =>
      error instanceof CliError &&
      error.code === 'MalformedRequest' &&
      error.exitCode === 2 &&
      message.test(error.message),
  );
}

describe('parseRawRequest', () => {
  it('reads a CRLF request with a path target and a Content-Length body', () => {
    const request = parseRawRequest(
      bytes('POST /?a=1 HTTP/1.1\r\nHost: iam.amazonaws.com\r\nContent-Length: 5\r\n\r\nhello\r\n'),
    );
    assert.equal(request.method, 'POST');
    assert.equal(request.url, 'https://iam.amazonaws.com/?a=1');
    assert.deepEqual(request.headers, [
      ['Host', 'iam.amazonaws.com'],
      ['Content-Length', '5'],
    ]);
    assert.equal(text(request.body), 'hello');
  });

  it('reads LF line endings, an absolute target, and folded header lines', () => {
    const request = parseRawRequest(
      bytes('GET http://127.0.0.1:4566/x HTTP/1.1\nX-Multi: a\n   b\n\tc\nHost: h\n\n'),
    );
    assert.equal(request.url, 'http://127.0.0.1:4566/x');
    assert.deepEqual(request.headers[0], ['X-Multi', 'a b c']);
    assert.equal(request.body.length, 0);
  });

  it('keeps the bytes of a body without Content-Length, but not a lone final newline', () => {
    const withBody = parseRawRequest(bytes('POST / HTTP/1.1\nHost: h\n\nA=1&B=\u00e9\n'));
    assert.equal(text(withBody.body), 'A=1&B=\u00e9\n');
    const onlyNewline = parseRawRequest(bytes('GET / HTTP/1.1\nHost: h\n\n\r\n'));
    assert.equal(onlyNewline.body.length, 0);
    const noBlankLine = parseRawRequest(bytes('GET / HTTP/1.1\nHost: h'));
    assert.equal(noBlankLine.body.length, 0);
  });

  it('refuses malformed files with the line at fault', () => {
    refused('', /no request line/);
    refused('\nGET / HTTP/1.1\nHost: h\n\n', /line 1: the file has no request line/);
    refused('GET /\nHost: h\n\n', /line 1: expected "METHOD target HTTP\/1.1"/);
    refused('GET / HTTP/1.1\n continued\n\n', /line 2: a folded continuation line/);
    refused('GET / HTTP/1.1\nHost h\n\n', /line 2: .* has no ":"/);
    refused('GET / HTTP/1.1\nBad Name: x\n\n', /line 2: header name "Bad Name"/);
    refused('GET / HTTP/1.1\nX: 1\n\n', /needs a Host header/);
    refused('GET x HTTP/1.1\nHost: h\n\n', /neither a path nor a URL/);
    refused('POST / HTTP/1.1\nHost: h\nContent-Length: 9\n\nshort', /9 but .* 5 bytes/);
    refused('POST / HTTP/1.1\nHost: h\nContent-Length: x\n\n', /not a number/);
    refused('POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n', /not supported/);
  });

  it('reads every signed request of the AWS v4 suite into one the verifier accepts', () => {
    const suite = join(repoRoot, 'packages/sigv4/test/fixtures/sigv4/v4');
    for (const name of readdirSync(suite)) {
      const context = JSON.parse(readFileSync(join(suite, name, 'context.json'), 'utf8'));
      const { access_key_id, secret_access_key, token } = context.credentials;
      for (const file of ['header-signed-request.txt', 'query-signed-request.txt']) {
        const result = verifyRequest(parseRawRequest(readFileSync(join(suite, name, file))), {
          lookupCredentials: (id) =>
            id === access_key_id
              ? { secretAccessKey: secret_access_key, sessionToken: token }
              : undefined,
          service: context.service,
          region: context.region,
          now: new Date(context.timestamp),
          pathNormalization: context.normalize ? 'normalize' : 'none',
        });
        assert.ok(result.ok, `${name}/${file}: ${result.ok ? '' : result.message}`);
      }
    }
  });
});
