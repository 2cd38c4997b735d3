import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exampleKeys, runCli, type CliResult } from './run-cli.js';

const url = 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08';
const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-errors-'));
const malformedRequest = join(dir, 'malformed.http');
writeFileSync(malformedRequest, 'GET /\r\nHost: example.amazonaws.com\r\n\r\n');
const goodRequest = join(dir, 'good.http');
writeFileSync(goodRequest, 'GET / HTTP/1.1\nHost: example.amazonaws.com\n\n');
const noHostRequest = join(dir, 'no-host.http');
writeFileSync(noHostRequest, 'GET / HTTP/1.1\nX-Amz-Date: 20150830T123600Z\n\n');

function assertOneErrorLine(result: CliResult, code: string, exitCode: number, text?: RegExp) {
  assert.equal(result.code, exitCode, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, new RegExp(`^iam-bridge: ${code}: [^\\n]+\\n$`));
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  if (text) assert.match(result.stderr, text);
}

// Each row: arguments, extra environment, the code on stderr, a fragment of the message.
const badInput: [string, string[], Record<string, string>, string, RegExp][] = [
  ['a missing --url', ['sign'], exampleKeys, 'UsageError', /--url/],
  [
    'a URL that does not parse',
    ['sign', '--url', 'not a url'],
    exampleKeys,
    'InvalidUrl',
    /not a url/,
  ],
  [
    'a date that is not a date',
    ['sign', '--url', url, '--date', 'yesterday'],
    exampleKeys,
    'InvalidDate',
    /yesterday/,
  ],
  [
    'expiry 0',
    ['presign', '--url', url, '--expires', '0'],
    exampleKeys,
    'InvalidExpires',
    /604800/,
  ],
  [
    'expiry 604801',
    ['presign', '--url', url, '--expires', '604801'],
    exampleKeys,
    'InvalidExpires',
    /"604801"/,
  ],
  [
    'expiry not a number',
    ['presign', '--url', url, '--expires', '1e3'],
    exampleKeys,
    'InvalidExpires',
    /1e3/,
  ],
  ['missing credentials', ['sign', '--url', url], {}, 'MissingCredentials', /AWS_ACCESS_KEY_ID/],
  [
    'an unknown profile',
    ['sign', '--url', url, '--profile', 'nope'],
    {},
    'MissingCredentials',
    /profile nope is not in/,
  ],
  [
    'half the key flags',
    ['sign', '--url', url, '--access-key-id', 'AKID'],
    {},
    'MissingCredentials',
    /together/,
  ],
  [
    'a header name with a space',
    ['sign', '--url', url, '-H', 'X Bad: 1'],
    exampleKeys,
    'InvalidHeader',
    /"X Bad"/,
  ],
  [
    'a header without a colon',
    ['sign', '--url', url, '-H', 'NoColon'],
    exampleKeys,
    'InvalidHeader',
    /NoColon/,
  ],
  [
    '--data with --data-file',
    ['sign', '--url', url, '--data', 'a', '--data-file', 'b'],
    exampleKeys,
    'UsageError',
    /cannot be used with/,
  ],
  [
    'an unreadable --data-file',
    ['sign', '--url', url, '--data-file', join(dir, 'none')],
    exampleKeys,
    'InvalidDataFile',
    /none/,
  ],
  [
    'a header value with a line break in it',
    ['sign', '--url', url, '-H', 'X-Bad: a\r\nX-Injected: 1'],
    exampleKeys,
    'InvalidHeader',
    /line break/,
  ],
  [
    'a URL that is not http(s)',
    ['sign', '--url', 'ftp://iam.amazonaws.com/'],
    exampleKeys,
    'InvalidUrl',
    /scheme ftp/,
  ],
  [
    'an unknown session token mode',
    ['sign', '--url', url, '--session-token-mode', 'x'],
    exampleKeys,
    'UsageError',
    /signed, appended/,
  ],
  [
    '--json with --output table',
    ['sign', '--url', url, '--json', '--output', 'table'],
    exampleKeys,
    'UsageError',
    /conflicts/,
  ],
  ['an unknown option', ['sign', '--url', url, '--nope'], exampleKeys, 'UsageError', /--nope/],
  ['an unknown command', ['nope'], {}, 'UsageError', /nope/],
  [
    'a non-AWS host without --service',
    ['sign', '--url', 'http://127.0.0.1:9000/', '--region', 'us-east-1'],
    exampleKeys,
    'MissingService',
    /127\.0\.0\.1.*--service/,
  ],
  [
    'a malformed request file',
    [
      'verify',
      '--request-file',
      malformedRequest,
      '--credentials',
      'A:B',
      '--service',
      'iam',
      '--region',
      'us-east-1',
    ],
    {},
    'MalformedRequest',
    /line 1/,
  ],
  [
    'a request file without Host',
    [
      'verify',
      '--request-file',
      noHostRequest,
      '--credentials',
      'A:B',
      '--service',
      'iam',
      '--region',
      'us-east-1',
    ],
    {},
    'MalformedRequest',
    /Host/,
  ],
  [
    'a missing request file',
    [
      'verify',
      '--request-file',
      join(dir, 'none'),
      '--credentials',
      'A:B',
      '--service',
      'iam',
      '--region',
      'us-east-1',
    ],
    {},
    'InvalidRequestFile',
    /none/,
  ],
  [
    'bad --credentials',
    [
      'verify',
      '--request-file',
      goodRequest,
      '--credentials',
      'AKIDONLY',
      '--service',
      'iam',
      '--region',
      'us-east-1',
    ],
    {},
    'InvalidCredentials',
    /ACCESS_KEY_ID:SECRET/,
  ],
  [
    'a --now that is not a date',
    [
      'verify',
      '--request-file',
      goodRequest,
      '--credentials',
      'A:B',
      '--service',
      'iam',
      '--region',
      'us-east-1',
      '--now',
      'soon',
    ],
    {},
    'InvalidDate',
    /soon/,
  ],
  [
    'verify without any key',
    ['verify', '--request-file', goodRequest, '--service', 'iam', '--region', 'us-east-1'],
    {},
    'MissingCredentials',
    /no AWS credentials found/,
  ],
];

describe(
  'bad input gives one error line and exit code 2, never a stack trace',
  { concurrency: true },
  () => {
    for (const [name, args, env, code, text] of badInput) {
      it(name, async () => assertOneErrorLine(await runCli(args, { env }), code, 2, text));
    }

    it('shows the stack only with IAM_BRIDGE_DEBUG=1', async () => {
      const result = await runCli(['sign', '--url', 'not a url'], {
        env: { ...exampleKeys, IAM_BRIDGE_DEBUG: '1' },
      });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^iam-bridge: InvalidUrl: .*\n/);
      assert.match(result.stderr, /\n\s+at /);
    });
  },
);

describe('--version and --help', { concurrency: true }, () => {
  it('prints the package version', async () => {
    const result = await runCli(['--version']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('lists the commands, and each command lists its flags', async () => {
    const [top, sign] = await Promise.all([runCli(['--help']), runCli(['sign', '--help'])]);
    assert.equal(top.code, 0);
    for (const command of ['sign', 'presign', 'verify', 'explain']) {
      assert.match(top.stdout, new RegExp(`\\n  ${command} `));
    }
    assert.equal(sign.code, 0);
    for (const flag of ['--url', '--header', '--data-file', '--curl', '--explain', '--json']) {
      assert.ok(sign.stdout.includes(flag), flag);
    }
  });

  it('shows help and exits 2 when no command is given', async () => {
    const result = await runCli([]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^Usage: iam-bridge/);
  });
});
