// Two gateway processes on one PostgreSQL database behave as one service.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createApiKey } from '../../src/gateway/auth/api-keys.js';
import { openGatewayStore } from '../../src/gateway/store/index.js';
import {
  postgresUnavailable,
  startPostgres,
  type PostgresServer,
} from '../support/postgres-server.js';
import { startChildGateway, type ChildGateway } from './child-gateway.js';
import { callGateway } from './support.js';

const missing = postgresUnavailable();
if (missing && process.env.CI === 'true') throw new Error(`CI needs PostgreSQL: ${missing}`);

describe('two gateway replicas on one PostgreSQL database', { skip: missing ?? false }, () => {
  let server: PostgresServer;
  let emulator: RunningEmulator;
  let dir: string;
  let a: ChildGateway;
  let b: ChildGateway;
  let key: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iam-bridge-replicas-'));
    server = await startPostgres();
    const database = server.createDatabase('replicas');
    emulator = await startEmulator({ memory: true });
    const options = { database, target: emulator.url, credentials: emulator.rootCredentials, dir };
    [a, b] = await Promise.all([startChildGateway(options), startChildGateway(options)]);
    const store = await openGatewayStore(database);
    key = (await createApiKey(store, { name: 'replica-test', scopes: ['admin'] })).key;
    await store.close();
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await emulator?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a bulk job submitted to one replica is visible, and finishes, on the other', async () => {
    const rows = Array.from({ length: 20 }, (_, index) => ({ userName: `replica-${index}` }));
    const submitted = await callGateway(a.url, 'POST', '/v1/bulk-jobs', { key, body: rows });
    assert.equal(submitted.status, 202, submitted.text);
    const seen = await callGateway(b.url, 'GET', `/v1/bulk-jobs/${submitted.body.id}`, { key });
    assert.equal(seen.status, 200);
    let job = seen.body.job;
    const deadline = Date.now() + 20_000;
    while (job.status === 'queued' || job.status === 'running') {
      assert.ok(Date.now() < deadline, 'job finished in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await callGateway(b.url, 'GET', `/v1/bulk-jobs/${submitted.body.id}`, { key })).body
        .job;
    }
    assert.equal(job.status, 'succeeded');
    assert.equal(job.succeeded, 20);
    const users = await callGateway(a.url, 'GET', '/v1/users?limit=100', { key });
    assert.equal(
      users.body.users.filter((user: any) => user.userName.startsWith('replica-')).length,
      20,
    );
  });

  test('an Idempotency-Key used on one replica replays on the other', async () => {
    const headers = { 'idempotency-key': 'replica-key-1' };
    const body = { userName: 'once-only', accessKey: true };
    const first = await callGateway(a.url, 'POST', '/v1/users', { key, body, headers });
    assert.equal(first.status, 201, first.text);
    const second = await callGateway(b.url, 'POST', '/v1/users', { key, body, headers });
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.body.accessKey.accessKeyId, first.body.accessKey.accessKeyId);
    const mismatch = await callGateway(b.url, 'POST', '/v1/users', {
      key,
      body: { userName: 'other' },
      headers,
    });
    assert.equal(mismatch.status, 422);
    const audit = await callGateway(b.url, 'GET', '/v1/audit?target=user/once-only', { key });
    assert.equal(audit.body.entries.length, 1);
  });

  test('concurrent requests under one key on two replicas act once', async () => {
    const headers = { 'idempotency-key': 'replica-race' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        callGateway(index % 2 ? a.url : b.url, 'POST', '/v1/users', {
          key,
          body: { userName: 'raced' },
          headers,
        }),
      ),
    );
    const acted = answers.filter(
      (answer) => answer.status === 201 && !answer.headers.get('idempotent-replayed'),
    );
    assert.equal(acted.length, 1, answers.map((answer) => answer.status).join());
    assert.ok(answers.every((answer) => answer.status === 201 || answer.status === 409));
  });

  test('SIGTERM stops a replica cleanly while the other keeps serving', async () => {
    const code = await b.stop();
    assert.equal(code, 0);
    assert.ok(b.lines.some((line) => line.includes('"stopped"')));
    const still = await callGateway(a.url, 'GET', '/v1/users/once-only', { key });
    assert.equal(still.status, 200);
  });
});
