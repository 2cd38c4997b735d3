// Presigned URLs for IAM actions: what the target answers, and the audit of each one issued.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import type { TestGateway } from '../support.js';
import type { SuiteContext } from './context.js';

/** Registers these tests in the current describe block. */
export function definePresignTests(suite: SuiteContext): void {
  let g: TestGateway;
  before(() => {
    g = suite.gateway();
  });
  const audit = (query: string) => suite.audit(query);

  test('presign: a URL that the target answers, with its expiry', async () => {
    await g.call('POST', '/v1/users', { body: { userName: 'pres' } });
    const presigned = await g.call('POST', '/v1/presign', {
      key: g.keys.read,
      body: { action: 'GetUser', input: { UserName: 'pres' }, expiresIn: 60 },
    });
    assert.equal(presigned.status, 200, presigned.text);
    const expiresIn = Date.parse(presigned.body.expiresAt) - Date.parse(presigned.body.signedAt);
    assert.equal(expiresIn, 60_000);
    assert.match(presigned.body.url, /X-Amz-Signature=/);
    const followed = await fetch(presigned.body.url);
    assert.equal(followed.status, 200);
    assert.match(await followed.text(), /<UserName>pres<\/UserName>/);
    const tooLong = await g.call('POST', '/v1/presign', {
      body: { action: 'GetUser', expiresIn: 604801 },
    });
    assert.equal(tooLong.status, 400);
  });

  test('presign: every URL handed out, change or read, is audited before the answer', async () => {
    const change = await g.call('POST', '/v1/presign', {
      key: g.keys.admin,
      body: { action: 'CreateUser', input: { UserName: 'via-link' }, expiresIn: 120 },
    });
    assert.equal(change.status, 200, change.text);
    const [issued, ...others] = await audit('action=Presign:CreateUser&target=user/via-link');
    assert.equal(others.length, 0);
    assert.equal(issued.outcome, 'issued');
    assert.match(issued.caller, /^key:[0-9a-f]{12} \(admin/);
    assert.equal(issued.requestId, change.headers.get('x-request-id'));
    assert.ok(issued.detail.includes(change.body.expiresAt), issued.detail);
    assert.match(issued.detail, /120 s/);
    assert.equal((await g.call('GET', '/v1/users/via-link')).status, 404, 'nothing done yet');

    const read = await g.call('POST', '/v1/presign', {
      key: g.keys.read,
      body: { action: 'ListUsers', expiresIn: 60 },
    });
    assert.equal(read.status, 200, read.text);
    const reads = await audit('action=Presign:ListUsers&outcome=issued');
    assert.equal(reads[0].target, 'account');
    assert.match(reads[0].caller, /\(reader/);

    const refused = await g.call('POST', '/v1/presign', {
      key: g.keys.write,
      body: { action: 'DeleteUser', input: { UserName: 'via-link' } },
    });
    assert.equal(refused.status, 403);
    assert.equal((await audit('action=Presign:DeleteUser')).length, 0, 'a refusal issues none');
  });
}
