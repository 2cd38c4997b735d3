// Idempotency keys, the audit log and bulk jobs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';

import type { TestGateway } from '../support.js';
import type { SuiteContext } from './context.js';

/** Registers these tests in the current describe block. */
export function defineChangeTests(suite: SuiteContext): void {
  let g: TestGateway;
  before(() => {
    g = suite.gateway();
  });
  const audit = (query: string) => suite.audit(query);
  const name = suite.name;

  test('Idempotency-Key: a repeat replays, another body is 422, in flight is 409', async () => {
    const headers = { 'idempotency-key': `idem-${name}-1` };
    const body = { userName: 'idem', accessKey: true };
    const first = await g.call('POST', '/v1/users', { key: g.keys.write, body, headers });
    assert.equal(first.status, 201, first.text);
    const second = await g.call('POST', '/v1/users', { key: g.keys.write, body, headers });
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.body.user.userId, first.body.user.userId);
    assert.equal(second.body.accessKey.accessKeyId, first.body.accessKey.accessKeyId);
    assert.equal(second.body.secretsOmitted, true);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal((await audit('target=user/idem')).length, 1, 'acted once');

    const other = await g.call('POST', '/v1/users', {
      key: g.keys.write,
      body: { userName: 'idem2' },
      headers,
    });
    assert.equal(other.status, 422);
    assert.equal(other.body.error.code, 'IdempotencyKeyReused');

    const byAnotherCaller = await g.call('POST', '/v1/users', {
      key: g.keys.admin,
      body,
      headers,
    });
    assert.equal(byAnotherCaller.status, 200, 'keys are per caller: this one acts, finds the user');
    assert.equal(byAnotherCaller.body.status, 'exists');
    assert.equal(byAnotherCaller.headers.get('idempotent-replayed'), null);

    const refusal = { 'idempotency-key': `idem-${name}-2` };
    const conflict = await g.call('DELETE', '/v1/users/nobody-here', {
      key: g.keys.write,
      headers: refusal,
    });
    assert.equal(conflict.status, 404);
    const replayedRefusal = await g.call('DELETE', '/v1/users/nobody-here', {
      key: g.keys.write,
      headers: refusal,
    });
    assert.equal(replayedRefusal.status, 404);
    assert.equal(replayedRefusal.headers.get('idempotent-replayed'), 'true');

    const store = g.gateway.context.store;
    const writerId = (await g.gateway.context.keys.verify(g.keys.write))!.id;
    const now = new Date();
    const flightBody = { userName: 'flight' };
    const fingerprint = createHash('sha256')
      .update(`POST\n/v1/users\n${JSON.stringify(flightBody)}`)
      .digest('hex');
    for (const [key, print, expected] of [
      ['in-flight-key', fingerprint, 409],
      ['other-flight-key', 'another request', 422],
    ] as const) {
      const planted = await store.beginIdempotency({
        caller: writerId,
        key,
        fingerprint: print,
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + 60_000).toISOString(),
        staleBefore: new Date(now.getTime() - 60_000).toISOString(),
        instanceId: g.gateway.context.instanceId,
        instanceStaleBefore: new Date(now.getTime() - 60_000).toISOString(),
      });
      assert.equal(planted.state, 'new');
      const answer = await g.call('POST', '/v1/users', {
        key: g.keys.write,
        body: flightBody,
        headers: { 'idempotency-key': key },
      });
      assert.equal(answer.status, expected, answer.text);
    }
    assert.equal((await g.call('GET', '/v1/users/flight')).status, 404, 'neither acted');

    const racing = { 'idempotency-key': `idem-${name}-race` };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        g.call('POST', '/v1/users', {
          key: g.keys.write,
          body: { userName: 'racer' },
          headers: racing,
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 201).length >= 1, true, statuses.join());
    assert.ok(
      statuses.every((status) => status === 201 || status === 409),
      statuses.join(),
    );
    assert.ok(
      answers.filter(
        (answer) => answer.status === 201 && !answer.headers.get('idempotent-replayed'),
      ).length === 1,
    );
    for (const answer of answers.filter((item) => item.status === 409)) {
      assert.equal(answer.body.error.code, 'IdempotencyKeyInFlight');
    }
    assert.equal((await audit('target=user/racer')).length, 1);
  });

  test('a replayed answer leaves every secret out and says so, with no placeholder', async () => {
    const headers = { 'idempotency-key': `secrets-${name}` };
    const body = { userName: 'replay-secrets', accessKey: true, loginProfile: true };
    const first = await g.call('POST', '/v1/users', { key: g.keys.write, body, headers });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.secretsOmitted, undefined);
    const replayed = await g.call('POST', '/v1/users', { key: g.keys.write, body, headers });
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal(replayed.body.secretsOmitted, true);
    assert.equal(replayed.body.accessKey.accessKeyId, first.body.accessKey.accessKeyId);
    assert.ok(!('secretAccessKey' in replayed.body.accessKey), replayed.text);
    assert.ok(!('password' in replayed.body), replayed.text);

    const rotateHeaders = { 'idempotency-key': `secrets-rotate-${name}` };
    const rotatePath = '/v1/users/replay-secrets/access-keys/rotate';
    const rotated = await g.call('POST', rotatePath, { body: {}, headers: rotateHeaders });
    assert.equal(rotated.status, 200, rotated.text);
    const rotatedAgain = await g.call('POST', rotatePath, { body: {}, headers: rotateHeaders });
    assert.equal(rotatedAgain.body.secretsOmitted, true);
    assert.equal(rotatedAgain.body.newAccessKey.accessKeyId, rotated.body.newAccessKey.accessKeyId);
    assert.ok(!('secretAccessKey' in rotatedAgain.body.newAccessKey), rotatedAgain.text);

    const actionHeaders = { 'idempotency-key': `secrets-action-${name}` };
    const actionBody = { UserName: 'replay-secrets-2' };
    await g.call('POST', '/v1/users', { body: { userName: 'replay-secrets-2' } });
    const keyCall = () =>
      g.call('POST', '/v1/iam/CreateAccessKey', { body: actionBody, headers: actionHeaders });
    const made = await keyCall();
    assert.equal(made.status, 200, made.text);
    const madeAgain = await keyCall();
    assert.equal(madeAgain.body.secretsOmitted, true);
    assert.ok(!('SecretAccessKey' in madeAgain.body.result.AccessKey), madeAgain.text);
    for (const text of [replayed.text, rotatedAgain.text, madeAgain.text]) {
      assert.ok(!text.includes('not stored'), text);
    }
  });

  test('audit log filters and pages', async () => {
    const all = await audit('limit=1000');
    assert.ok(all.length >= 10);
    assert.ok(
      all.every((entry: any) => entry.outcome !== 'pending'),
      'every outcome recorded',
    );
    const first = await g.call('GET', '/v1/audit?limit=3');
    assert.equal(first.body.entries.length, 3);
    const next = await g.call('GET', `/v1/audit?limit=3&cursor=${first.body.nextCursor}`);
    assert.ok(Number(next.body.entries[0].id) < Number(first.body.entries[2].id));
    const failed = await audit('outcome=failed');
    assert.ok(failed.length > 0 && failed.every((entry: any) => entry.outcome === 'failed'));
    const future = await audit(
      `since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    assert.equal(future.length, 0);
    const past = await audit(
      `until=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`,
    );
    assert.equal(past.length, 0);
    const writerId = (await g.gateway.context.keys.verify(g.keys.write))!;
    const byCaller = await audit(
      `caller=${encodeURIComponent(`${writerId.id} (${writerId.name})`)}`,
    );
    assert.ok(byCaller.length > 0);
    const byId = await audit(`caller=${encodeURIComponent(writerId.id)}`);
    assert.deepEqual(
      byId.map((entry: any) => entry.id),
      byCaller.map((entry: any) => entry.id),
    );
    assert.equal((await audit(`caller=${encodeURIComponent(writerId.id.slice(0, -1))}`)).length, 0);
    // The id as `keys create` prints it, without `key:`.
    const bareId = await audit(`caller=${encodeURIComponent(writerId.id.replace(/^key:/, ''))}`);
    assert.deepEqual(
      bareId.map((entry: any) => entry.id),
      byCaller.map((entry: any) => entry.id),
    );
    // The key's name alone, as an operator remembers it.
    const byName = await audit(`caller=${encodeURIComponent(writerId.name)}`);
    assert.deepEqual(
      byName.map((entry: any) => entry.id),
      byCaller.map((entry: any) => entry.id),
    );
    assert.equal((await audit(`caller=${encodeURIComponent(writerId.name.slice(1))}`)).length, 0);
    // A bare target name matches every kind of target with that name.
    const someUser = all.find((entry: any) => /^user\/./.test(entry.target)).target as string;
    const bare = await audit(`target=${encodeURIComponent(someUser.slice('user/'.length))}`);
    assert.ok(bare.length > 0);
    assert.ok(bare.every((entry: any) => entry.target.endsWith(`/${someUser.slice(5)}`)));
    // Days: since a day is from its start, until a day through its end.
    const today = new Date().toISOString().slice(0, 10);
    const ofToday = all.filter((entry: any) => entry.time.startsWith(today)).length;
    assert.equal((await audit(`since=${today}&limit=1000`)).length, ofToday);
    assert.equal((await audit(`until=${today}&limit=1000`)).length, all.length);
    assert.equal((await g.call('GET', '/v1/audit?until=2000-01-01')).body.entries.length, 0);
    assert.equal((await g.call('GET', '/v1/audit?outcome=weird')).status, 400);
    assert.equal((await g.call('GET', '/v1/audit?since=yesterday')).status, 400);
    assert.equal((await g.call('GET', '/v1/audit?since=2026-13-45')).status, 400);
    assert.equal((await g.call('GET', '/v1/audit?since=2026-02-30')).status, 400);
    assert.equal((await g.call('GET', '/v1/audit?until=2026-02-29T10:00:00Z')).status, 400);
    // The end of time as people write it.
    assert.equal((await audit('until=9999-12-31&limit=1000')).length, all.length);
  });

  test('bulk jobs: JSON and CSV run in the background; the report names each row', async () => {
    const submitted = await g.call('POST', '/v1/bulk-jobs', {
      key: g.keys.write,
      body: [
        { userName: 'bulk-1', groups: [] },
        { userName: 'bulk-2', path: '/bulk/' },
        { userName: 'bulk-3' },
      ],
    });
    assert.equal(submitted.status, 202, submitted.text);
    const job = await waitForJob(g, submitted.body.id);
    assert.equal(job.job.status, 'succeeded');
    assert.equal(job.job.succeeded, 3);
    assert.deepEqual(
      job.items.map((item: any) => item.result.status),
      ['created', 'created', 'created'],
    );
    assert.equal((await g.call('GET', '/v1/users/bulk-2')).body.user.path, '/bulk/');

    const csv = await g.call('POST', '/v1/bulk-jobs?operation=delete&force=true', {
      key: g.keys.write,
      rawBody: 'userName\nbulk-1\nbulk-2\nnever-was\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(csv.status, 202, csv.text);
    const deleted = await waitForJob(g, csv.body.id);
    assert.equal(deleted.job.status, 'succeeded');
    assert.deepEqual(
      deleted.items.map((item: any) => item.result.status),
      ['deleted', 'deleted', 'absent'],
    );
    assert.equal((await g.call('GET', '/v1/users/bulk-1')).status, 404);
    const bulkAudit = await audit('action=DeleteUser&target=user/bulk-1');
    assert.equal(bulkAudit[0].outcome, 'succeeded');
    assert.match(bulkAudit[0].requestId, /^bulk-job:/);

    const secrets = await g.call('POST', '/v1/bulk-jobs', {
      body: [{ userName: 'x', accessKey: true }],
    });
    assert.equal(secrets.status, 400);
    const badCsv = await g.call('POST', '/v1/bulk-jobs', {
      rawBody: 'userName,colour\nx,blue\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(badCsv.status, 400);
    assert.match(badCsv.body.error.message, /colour/);
    const badName = await g.call('POST', '/v1/bulk-jobs', { body: [{ userName: 'bad name' }] });
    assert.equal(badName.status, 400);
    assert.equal((await g.call('GET', '/v1/bulk-jobs/not-a-uuid')).status, 400);
    assert.equal((await g.call('GET', `/v1/bulk-jobs/${crypto.randomUUID()}`)).status, 404);
  });
}

async function waitForJob(g: TestGateway, id: string): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await g.call('GET', `/v1/bulk-jobs/${id}?items=true`);
    assert.equal(answer.status, 200, answer.text);
    if (!['queued', 'running'].includes(answer.body.job.status)) return answer.body;
    if (Date.now() > deadline) assert.fail(`job ${id} still ${answer.body.job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
