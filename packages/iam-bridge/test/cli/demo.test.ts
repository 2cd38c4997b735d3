import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './run-cli.js';

describe('iam-bridge demo', () => {
  it('runs the whole tour on the embedded emulator and exits 0', async () => {
    const { stdout, stderr, code } = await runCli(['demo']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Embedded IAM emulator at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(stdout, /HTTP 200: user TestAPCUser created/);
    assert.match(stdout, /X-Amz-Algorithm=AWS4-HMAC-SHA256&/);
    assert.match(stdout, /arn:aws:iam::123456789012:user\/demo-alice/);
    assert.match(stdout, /DeleteConflict: user demo-alice still has groupMembership/);
    assert.match(stdout, /-> deleted; removed 6 items/);
    assert.match(stdout, /HTTP 200: user TestAPCUser deleted/);
    // The demo never prints a secret access key.
    assert.doesNotMatch(stdout, /wJalrXUtnFEMI/);
    assert.doesNotMatch(stdout, /SecretAccessKey|secretAccessKey/);
  });

  it('refuses --endpoint-url without credentials, in one line', async () => {
    const { stderr, code } = await runCli(['demo', '--endpoint-url', 'http://127.0.0.1:1']);
    assert.equal(code, 2);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /needs --access-key-id/);
  });
});
