import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { signRequest } from '@iam-bridge/sigv4';

import { repoRoot, runCli } from './run-cli.js';

const suite = join(repoRoot, 'packages/sigv4/test/fixtures/sigv4/v4');
const suiteFile = (name: string, file: string) => join(suite, name, file);
const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const scope = ['--service', 'service', '--region', 'us-east-1'];
const at = ['--now', '2015-08-30T12:36:00Z'];
const keys = ['--credentials', `AKIDEXAMPLE:${secret}`];
const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-verify-'));

function verify(file: string, ...extra: string[]) {
  return runCli(['verify', '--request-file', file, ...keys, ...scope, ...at, ...extra]);
}

describe('iam-bridge verify', { concurrency: true }, () => {
  it('accepts the header and the presigned get-vanilla requests of the AWS suite', async () => {
    const [header, query] = await Promise.all([
      verify(suiteFile('get-vanilla', 'header-signed-request.txt')),
      verify(suiteFile('get-vanilla', 'query-signed-request.txt'), '--json'),
    ]);
    assert.equal(header.code, 0, header.stderr);
    assert.equal(
      header.stdout,
      'ok\naccessKeyId: AKIDEXAMPLE\ncredentialScope: 20150830/us-east-1/service/aws4_request\n',
    );
    assert.equal(query.code, 0, query.stderr);
    const json = JSON.parse(query.stdout);
    assert.equal(json.ok, true);
    assert.equal(json.mode, 'query');
    assert.equal(json.credentialScope, '20150830/us-east-1/service/aws4_request');
  });

  it('accepts a CRLF request with a session token, a body and several keys', async () => {
    const signed = readFileSync(
      suiteFile('post-x-www-form-urlencoded', 'header-signed-request.txt'),
    );
    const crlf = join(dir, 'post-crlf.http');
    writeFileSync(crlf, signed.toString('utf8').replace(/\n/g, '\r\n'));
    const token = '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267';
    const [post, withToken] = await Promise.all([
      runCli([
        'verify',
        '--request-file',
        crlf,
        '--credentials',
        'AKIDOTHER:x',
        ...keys,
        ...scope,
        ...at,
      ]),
      runCli([
        'verify',
        '--request-file',
        suiteFile('get-vanilla-with-session-token', 'header-signed-request.txt'),
        '--credentials',
        `AKIDEXAMPLE:${secret}:${token}`,
        ...scope,
        ...at,
      ]),
    ]);
    assert.equal(post.code, 0, post.stderr);
    assert.equal(withToken.code, 0, withToken.stderr);
  });

  it("names an editor's final newline as the likely cause of a mismatch", async () => {
    const body = 'Action=ListUsers&Version=2010-05-08';
    const signed = signRequest(
      {
        method: 'POST',
        url: 'https://example.amazonaws.com/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      },
      {
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: secret },
        region: 'us-east-1',
        service: 'service',
        date: '20150830T123600Z',
      },
    );
    const head = Object.entries({ host: 'example.amazonaws.com', ...signed.headers })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    const withNewline = join(dir, 'post-final-newline.http');
    writeFileSync(withNewline, `POST / HTTP/1.1\n${head}\n\n${body}\n`);
    const result = await verify(withNewline);
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stderr, /SignatureDoesNotMatch: .*without the line break\(s\) at its end/);
    const tampered = join(dir, 'post-tampered.http');
    writeFileSync(tampered, `POST / HTTP/1.1\n${head}\n\n${body.replace('List', 'Lost')}\n`);
    const plain = await verify(tampered);
    assert.equal(plain.code, 1);
    assert.doesNotMatch(plain.stderr, /line break/);
  });

  it('quotes at most a short piece of a binary file in its one error line', async () => {
    const binary = join(dir, 'binary.http');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const result = await verify(binary);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.ok(result.stderr.length < 400, result.stderr);
  });

  it('refuses with the AWS code on stderr and exit 1', async () => {
    const tampered = join(dir, 'tampered.http');
    writeFileSync(
      tampered,
      readFileSync(suiteFile('get-vanilla', 'header-signed-request.txt'), 'utf8').replace(
        /Signature=5/,
        'Signature=6',
      ),
    );
    const [mismatch, json, expired, wrongService, unknownKey] = await Promise.all([
      verify(tampered, '--show-canonical'),
      verify(tampered, '--json'),
      verify(
        suiteFile('get-vanilla', 'header-signed-request.txt'),
        '--now',
        '2015-08-30T13:00:00Z',
      ),
      runCli([
        'verify',
        '--request-file',
        tampered,
        ...keys,
        '--service',
        'iam',
        '--region',
        'us-east-1',
        ...at,
      ]),
      runCli([
        'verify',
        '--request-file',
        tampered,
        '--credentials',
        'AKIDOTHER:x',
        ...scope,
        ...at,
      ]),
    ]);
    for (const result of [mismatch, json, expired, wrongService, unknownKey]) {
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^iam-bridge: [A-Za-z]+: [^\n]+\n$/);
    }
    assert.match(
      mismatch.stderr,
      /^iam-bridge: SignatureDoesNotMatch: The request signature we calculated/,
    );
    assert.match(mismatch.stdout, /^canonical request \(computed by the verifier\):\nGET\n\/\n/);
    assert.match(mismatch.stdout, /\nstring to sign:\nAWS4-HMAC-SHA256\n20150830T123600Z\n/);
    assert.deepEqual(
      { ...JSON.parse(json.stdout), message: undefined },
      { ok: false, code: 'SignatureDoesNotMatch', status: 403, message: undefined },
    );
    assert.match(expired.stderr, /Signature expired/);
    assert.match(wrongService.stderr, /scoped to correct service: 'iam'/);
    assert.match(unknownKey.stderr, /^iam-bridge: InvalidClientTokenId: /);
  });

  it('accepts what `iam-bridge sign` signed, written out as a raw request', async () => {
    const url = 'http://127.0.0.1:4566/?Action=ListUsers&Version=2010-05-08';
    const signed = await runCli([
      'sign',
      '--url',
      url,
      '--data',
      'MaxItems=5',
      '-H',
      'Content-Type: application/x-www-form-urlencoded; charset=utf-8',
      '--service',
      'iam',
      '--region',
      'us-east-1',
      '--date',
      '2024-02-29T10:00:00Z',
      '--access-key-id',
      'AKIDEXAMPLE',
      '--secret-access-key',
      secret,
      '--json',
    ]);
    const { method, headers } = JSON.parse(signed.stdout);
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    const file = join(dir, 'round-trip.http');
    writeFileSync(
      file,
      `${method} /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\n${lines.join('\n')}\n\nMaxItems=5`,
    );
    const result = await runCli([
      'verify',
      '--request-file',
      file,
      ...keys,
      '--service',
      'iam',
      '--region',
      'eu-west-1,us-east-1',
      '--now',
      '20240229T100500Z',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ok\n/);
  });
});
