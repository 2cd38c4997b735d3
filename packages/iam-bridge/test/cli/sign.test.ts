import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { signRequest } from '@iam-bridge/sigv4';
import { repoRoot, runCli } from './run-cli.js';

// AWS's own test vectors: the same inputs must give the same headers through the CLI.
const suite = join(repoRoot, 'packages/sigv4/test/fixtures/sigv4/v4');
const fixture = (name: string, file: string) => readFileSync(join(suite, name, file), 'utf8');
const suiteKeys = ['--access-key-id', 'AKIDEXAMPLE'];
const suiteSecret = ['--secret-access-key', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'];
const suiteScope = ['--region', 'us-east-1', '--service', 'service', '--date', '20150830T123600Z'];
const vanilla = ['sign', '--url', 'https://example.amazonaws.com/', ...suiteScope];

function authorizationOf(signedRequest: string): string {
  return /^Authorization:(.*)$/m.exec(signedRequest)![1];
}

describe('iam-bridge sign', { concurrency: true }, () => {
  it("reads '+' in the query as a space by default, as a plus with --query-plus literal", async () => {
    const url = ['--url', 'https://iam.amazonaws.com/?x=a+b', '--date', '20150830T123600Z'];
    const keys = [...suiteKeys, ...suiteSecret, '--json'];
    const [space, literal] = await Promise.all([
      runCli(['sign', ...url, ...keys]),
      runCli(['sign', ...url, ...keys, '--query-plus', 'literal']),
    ]);
    assert.equal(JSON.parse(space.stdout).url, 'https://iam.amazonaws.com/?x=a%20b');
    assert.equal(JSON.parse(literal.stdout).url, 'https://iam.amazonaws.com/?x=a%2Bb');
  });

  it('prints the get-vanilla headers of the AWS suite, ready for curl', async () => {
    const result = await runCli([...vanilla, ...suiteKeys, ...suiteSecret]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const authorization = authorizationOf(fixture('get-vanilla', 'header-signed-request.txt'));
    assert.equal(
      result.stdout,
      'host: example.amazonaws.com\n' +
        'x-amz-date: 20150830T123600Z\n' +
        `authorization: ${authorization}\n`,
    );
  });

  it('prints one JSON object with the four steps matching the suite', async () => {
    const result = await runCli([...vanilla, ...suiteKeys, ...suiteSecret, '--json']);
    const json = JSON.parse(result.stdout);
    assert.equal(json.canonicalRequest, fixture('get-vanilla', 'header-canonical-request.txt'));
    assert.equal(json.stringToSign, fixture('get-vanilla', 'header-string-to-sign.txt'));
    assert.equal(json.signature, fixture('get-vanilla', 'header-signature.txt').trim());
    assert.equal(json.url, 'https://example.amazonaws.com/');
    assert.equal(json.method, 'GET');
    assert.equal(json.credentialScope, '20150830/us-east-1/service/aws4_request');
    assert.equal(json.signedHeaders, 'host;x-amz-date');
    assert.equal(json.amzDate, '20150830T123600Z');
    assert.match(json.payloadHash, /^e3b0c442/);
    assert.equal(json.headers['x-amz-date'], '20150830T123600Z');
    assert.match(json.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  });

  it('takes an X-Amz-Date header as the signing time; one that contradicts --date is refused', async () => {
    const scope = ['--region', 'us-east-1', '--service', 'service'];
    const url = ['--url', 'https://example.amazonaws.com/'];
    const result = await runCli([
      'sign',
      ...url,
      ...scope,
      '-H',
      'X-Amz-Date: 20150830T123600Z',
      ...suiteKeys,
      ...suiteSecret,
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      JSON.parse(result.stdout).signature,
      fixture('get-vanilla', 'header-signature.txt').trim(),
    );
    const both = await runCli([
      'sign',
      ...url,
      ...scope,
      '--date',
      '20150830T123700Z',
      '-H',
      'X-Amz-Date: 20150830T123600Z',
      ...suiteKeys,
      ...suiteSecret,
    ]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /name different times/);
    const twoHeaders = await runCli([
      'sign',
      ...url,
      ...scope,
      '-H',
      'x-amz-date: 20150830T123600Z',
      '-H',
      'X-Amz-Date: 20150830T123700Z',
      ...suiteKeys,
      ...suiteSecret,
    ]);
    assert.equal(twoHeaders.code, 2);
    const sameInstant = await runCli([
      'sign',
      ...url,
      ...scope,
      '--date',
      '2015-08-30T12:36:00Z',
      '-H',
      'X-Amz-Date: 20150830T123600Z',
      ...suiteKeys,
      ...suiteSecret,
      '--json',
    ]);
    assert.equal(sameInstant.code, 0, sameInstant.stderr);
  });

  it('signs the session token as x-amz-security-token, as the suite does', async () => {
    const token = '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267';
    const result = await runCli([...vanilla, '--json'], {
      env: {
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        AWS_SESSION_TOKEN: token,
      },
    });
    const json = JSON.parse(result.stdout);
    const expected = fixture('get-vanilla-with-session-token', 'header-signature.txt').trim();
    assert.equal(json.signature, expected);
    assert.equal(json.headers['x-amz-security-token'], token);
  });

  it('signs a body from --data, --data @file, --data-file and stdin as the library does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-sign-'));
    const bodyFile = join(dir, 'body.txt');
    writeFileSync(bodyFile, 'Param1=value1');
    const base = [
      'sign',
      '--url',
      'https://example.amazonaws.com/',
      '-H',
      'Content-Type: application/x-www-form-urlencoded',
      ...suiteScope,
      ...suiteKeys,
      ...suiteSecret,
      '--json',
    ];
    const [inline, file, stdin, curlish] = await Promise.all([
      runCli([...base, '--data', 'Param1=value1']),
      runCli([...base, '--data-file', bodyFile]),
      runCli([...base, '--data-file', '-'], { input: 'Param1=value1' }),
      runCli([...base, '--data', `@${bodyFile}`]),
    ]);
    const library = signRequest(
      {
        method: 'POST',
        url: 'https://example.amazonaws.com/',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'Param1=value1',
      },
      {
        credentials: {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        },
        region: 'us-east-1',
        service: 'service',
        date: '20150830T123600Z',
      },
    );
    for (const result of [inline, file, stdin, curlish]) {
      assert.equal(result.code, 0, result.stderr);
      const json = JSON.parse(result.stdout);
      assert.equal(json.method, 'POST');
      assert.equal(json.signature, library.explanation.signature);
      assert.equal(json.payloadHash, library.explanation.payloadHash);
    }
  });

  it('prints a curl command, the four steps, UNSIGNED-PAYLOAD and a table on request', async () => {
    const args = [...vanilla, ...suiteKeys, ...suiteSecret];
    const [curl, explain, unsigned, table, key] = await Promise.all([
      runCli([...args, '--curl', '--method', 'DELETE', '--data', "it's"]),
      runCli([...args, '--explain']),
      runCli([...args, '--unsigned-payload', '--json']),
      runCli([...args, '--output', 'table']),
      runCli([...args, '--show-signing-key', '--json']),
    ]);
    assert.match(curl.stdout, /^curl -X DELETE https:\/\/example\.amazonaws\.com\/ /);
    assert.match(
      curl.stdout,
      / -H 'host: example\.amazonaws\.com' -H 'x-amz-date: 20150830T123600Z' /,
    );
    assert.match(
      curl.stdout,
      / -H 'authorization: AWS4-HMAC-SHA256 [^']+' --data-binary 'it'\\''s'\n$/,
    );
    assert.match(explain.stdout, /^Step 1: canonical request\n/);
    assert.match(explain.stdout, /Step 2: string to sign\n[\s\S]*Step 3: signing key\n/);
    assert.match(explain.stdout, /\(hidden: ask for it with --show-signing-key\)/);
    assert.match(
      explain.stdout,
      /Step 4: signature\n.*\n[\s\S]*\nauthorization: AWS4-HMAC-SHA256 /,
    );
    assert.equal(JSON.parse(unsigned.stdout).payloadHash, 'UNSIGNED-PAYLOAD');
    assert.match(table.stdout, /^FIELD +VALUE\n/);
    assert.match(table.stdout, /\nsignature +[0-9a-f]{64}\n/);
    assert.match(JSON.parse(key.stdout).signingKey, /^[0-9a-f]{64}$/);
  });

  it('reads keys from a named profile in the shared files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-profile-'));
    writeFileSync(
      join(dir, 'credentials'),
      '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n' +
        '[dev]\naws_access_key_id = AKIDEXAMPLE\n' +
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n',
    );
    writeFileSync(
      join(dir, 'config'),
      '[profile ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = s2\n' +
        'aws_session_token = tok\n',
    );
    const env = {
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    };
    const [flag, variable, fromConfig, fallback] = await Promise.all([
      runCli([...vanilla, '--profile', 'dev', '--json'], { env }),
      runCli([...vanilla, '--json'], { env: { ...env, AWS_PROFILE: 'dev' } }),
      runCli([...vanilla, '--profile', 'ops', '--json'], { env }),
      runCli([...vanilla, '--json'], { env }),
    ]);
    const signature = fixture('get-vanilla', 'header-signature.txt').trim();
    assert.equal(JSON.parse(flag.stdout).signature, signature);
    assert.equal(JSON.parse(variable.stdout).signature, signature);
    assert.equal(JSON.parse(fromConfig.stdout).headers['x-amz-security-token'], 'tok');
    assert.equal(JSON.parse(fallback.stdout).accessKeyId, 'AKIDDEFAULT');
  });
});
