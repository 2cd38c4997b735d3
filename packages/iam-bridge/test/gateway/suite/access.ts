// Health, authentication and scopes.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import type { TestGateway } from '../support.js';
import type { SuiteContext } from './context.js';

/** Registers these tests in the current describe block. */
export function defineAccessTests(suite: SuiteContext): void {
  let g: TestGateway;
  before(() => {
    g = suite.gateway();
  });

  test('healthz and readyz answer without a key; readyz names the embedded emulator', async () => {
    assert.equal((await g.call('GET', '/healthz', { key: null })).status, 200);
    const ready = await g.call('GET', '/readyz', { key: null });
    assert.equal(ready.status, 200);
    assert.equal(ready.body.target.embeddedEmulator, true);
    assert.equal(ready.body.checks.store.ok, true);
    assert.equal(ready.body.checks.target.ok, true);
    assert.doesNotMatch(ready.text, /arn:|\d{12}|http:|\//, ready.text);
  });

  test('every other route needs a valid key', async () => {
    for (const [method, path] of [
      ['GET', '/v1/users'],
      ['POST', '/v1/users'],
      ['GET', '/v1/audit'],
      ['GET', '/metrics'],
      ['GET', '/openapi.json'],
      ['POST', '/v1/iam/ListUsers'],
    ] as const) {
      const none = await g.call(method, path, { key: null });
      assert.equal(none.status, 401, `${method} ${path}`);
      assert.equal(none.body.error.code, 'Unauthorized');
      assert.ok(none.body.error.requestId);
      const wrong = await g.call(method, path, { key: 'iamb_000000000000_' + 'x'.repeat(43) });
      assert.equal(wrong.status, 401);
      assert.equal((await g.call(method, path, { key: 'not-a-key' })).status, 401);
    }
    const viaHeader = await g.call('GET', '/v1/users', {
      key: null,
      headers: { 'x-api-key': g.keys.read },
    });
    assert.equal(viaHeader.status, 200);
  });

  test('a revoked key is refused', async () => {
    const { createApiKey } = await import('../../../src/gateway/auth/api-keys.js');
    const store = g.gateway.context.store;
    const { key, record } = await createApiKey(store, { name: 'short-lived', scopes: ['read'] });
    assert.ok(record.hash.startsWith('$argon2id$'));
    assert.ok(!record.hash.includes(key.slice('iamb_0123456789ab_'.length)));
    await store.revokeApiKey(record.id, new Date().toISOString());
    assert.equal((await g.call('GET', '/v1/users', { key })).status, 401);
  });

  test('scopes: read cannot change, write cannot call IAM actions or read the audit', async () => {
    const readCreate = await g.call('POST', '/v1/users', {
      key: g.keys.read,
      body: { userName: 'nope' },
    });
    assert.equal(readCreate.status, 403);
    assert.match(readCreate.body.error.message, /write scope/);
    assert.equal((await g.call('DELETE', '/v1/users/nope', { key: g.keys.read })).status, 403);
    const bulk = await g.call('POST', '/v1/bulk-jobs', {
      key: g.keys.read,
      body: [{ userName: 'x' }],
    });
    assert.equal(bulk.status, 403);
    for (const key of [g.keys.read, g.keys.write]) {
      assert.equal((await g.call('POST', '/v1/iam/ListUsers', { key, body: {} })).status, 403);
      assert.equal((await g.call('GET', '/v1/audit', { key })).status, 403);
    }
    const presign = await g.call('POST', '/v1/presign', {
      key: g.keys.write,
      body: { action: 'CreateUser', input: { UserName: 'x' } },
    });
    assert.equal(presign.status, 403);
    assert.match(presign.body.error.message, /only read \(Get\*, List\*, Simulate\*, Generate\*\)/);
    assert.equal((await g.call('GET', '/v1/users/nope', { key: g.keys.read })).status, 404);
    assert.equal((await g.call('GET', '/metrics', { key: g.keys.read })).status, 200);
  });
}
