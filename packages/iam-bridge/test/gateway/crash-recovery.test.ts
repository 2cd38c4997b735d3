// A gateway killed with SIGKILL under load, then restarted on the same database: every
// change it made has its audit entry, and its bulk job finishes with no row lost or doubled.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createApiKey } from '../../src/gateway/auth/api-keys.js';
import { openGatewayStore } from '../../src/gateway/store/index.js';
import { startChildGateway, type ChildGateway } from './child-gateway.js';
import { callGateway, type Reply } from './support.js';

const BULK_ROWS = 120;
let dir: string;
let emulator: RunningEmulator;
let restarted: ChildGateway | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iam-bridge-crash-'));
  emulator = await startEmulator({ memory: true });
});
after(async () => {
  await restarted?.stop();
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('kill -9 under load, restart: every change audited, no bulk row lost or doubled', async () => {
  const database = join(dir, 'gateway.sqlite');
  const options = { database, target: emulator.url, credentials: emulator.rootCredentials, dir };
  const first = await startChildGateway(options);
  const store = await openGatewayStore(database);
  const key = (await createApiKey(store, { name: 'crash-test', scopes: ['admin'] })).key;
  await store.close();

  const rows = Array.from({ length: BULK_ROWS }, (_, index) => ({ userName: `bulk-${index}` }));
  const job = await callGateway(first.url, 'POST', '/v1/bulk-jobs', { key, body: rows });
  assert.equal(job.status, 202, job.text);

  // Load: several callers creating users with idempotency keys until the process dies.
  const answered = new Map<string, Reply>();
  const unanswered = new Set<string>();
  let stopLoad = false;
  let next = 0;
  const loader = async () => {
    while (!stopLoad) {
      const userName = `load-${next++}`;
      try {
        const reply = await callGateway(first.url, 'POST', '/v1/users', {
          key,
          body: { userName },
          headers: { 'idempotency-key': userName },
        });
        answered.set(userName, reply);
      } catch {
        unanswered.add(userName);
        return;
      }
    }
  };
  const loaders = Array.from({ length: 6 }, loader);

  // Kill while the bulk job is part way through.
  const started = Date.now();
  for (;;) {
    const status = await callGateway(first.url, 'GET', `/v1/bulk-jobs/${job.body.id}`, { key });
    if (status.body.job.succeeded >= 15 || Date.now() - started > 10_000) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await first.kill();
  stopLoad = true;
  await Promise.all(loaders);
  const killedAt = (await readJob(database, job.body.id)).succeeded;
  assert.ok(killedAt < BULK_ROWS, `killed mid-job (${killedAt} rows done)`);

  restarted = await startChildGateway(options);
  const url = restarted.url;

  // The restarted instance settles the dead one's intents and takes the job over.
  const deadline = Date.now() + 30_000;
  let jobState: any;
  let pending: any[] = [];
  do {
    await new Promise((resolve) => setTimeout(resolve, 200));
    jobState = (await callGateway(url, 'GET', `/v1/bulk-jobs/${job.body.id}?items=true`, { key }))
      .body;
    pending = (await callGateway(url, 'GET', '/v1/audit?outcome=pending&limit=1000', { key })).body
      .entries;
    assert.ok(
      Date.now() < deadline,
      `still pending: ${pending.length}, job ${jobState.job.status}`,
    );
  } while (
    jobState.job.status === 'running' ||
    jobState.job.status === 'queued' ||
    pending.length > 0
  );

  assert.equal(jobState.job.status, 'succeeded');
  assert.equal(jobState.job.succeeded, BULK_ROWS);
  assert.ok(jobState.items.every((item: any) => item.status === 'succeeded'));

  const users = new Set<string>();
  for (let marker: string | undefined, first = true; first || marker; first = false) {
    const answer = await callGateway(
      url,
      'GET',
      `/v1/users?limit=1000${marker ? `&cursor=${encodeURIComponent(marker)}` : ''}`,
      { key },
    );
    for (const user of answer.body.users) users.add(user.userName);
    marker = answer.body.nextCursor;
  }
  for (let index = 0; index < BULK_ROWS; index += 1) assert.ok(users.has(`bulk-${index}`));

  const entries = await allAudit(url, key);
  const byTarget = new Map<string, any[]>();
  for (const entry of entries) {
    byTarget.set(entry.target, [...(byTarget.get(entry.target) ?? []), entry]);
  }
  const succeeded = (entry: any) =>
    entry.outcome === 'succeeded' || entry.outcome === 'reconciled-succeeded';

  // Every user in IAM was made by an audited change; every bulk user exists exactly once.
  for (const userName of users) {
    const audit = byTarget.get(`user/${userName}`) ?? [];
    const creates = audit.filter(
      (entry) => entry.action === 'CreateUser' && succeeded(entry),
    ).length;
    const deletes = audit.filter(
      (entry) => entry.action === 'DeleteUser' && succeeded(entry),
    ).length;
    assert.equal(creates - deletes, 1, `${userName}: ${JSON.stringify(audit)}`);
  }
  // Every answered creation has its successful audit entry.
  for (const [userName, reply] of answered) {
    if (reply.status !== 201) continue;
    const audit = byTarget.get(`user/${userName}`) ?? [];
    assert.ok(
      audit.some((entry) => entry.action === 'CreateUser' && entry.outcome === 'succeeded'),
    );
  }
  // Requests cut off by the kill can be retried under their key: they act at most once more.
  for (const userName of unanswered) {
    const retry = await callGateway(url, 'POST', '/v1/users', {
      key,
      body: { userName },
      headers: { 'idempotency-key': userName },
    });
    assert.ok([200, 201].includes(retry.status), `${userName}: ${retry.status} ${retry.text}`);
    const read = await callGateway(url, 'GET', `/v1/users/${userName}`, { key });
    assert.equal(read.status, 200);
  }
  assert.ok(answered.size > 0 && unanswered.size > 0, 'the load was cut off');
});

async function readJob(database: string, id: string) {
  const store = await openGatewayStore(database);
  try {
    return (await store.getBulkJob(id))!;
  } finally {
    await store.close();
  }
}

async function allAudit(url: string, key: string): Promise<any[]> {
  const entries: any[] = [];
  let cursor: string | undefined;
  do {
    const answer = await callGateway(
      url,
      'GET',
      `/v1/audit?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
      { key },
    );
    entries.push(...answer.body.entries);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return entries;
}
