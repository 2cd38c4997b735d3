import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runBulk } from '../../../src/lifecycle/bulk/bulk-runner.js';
import type { BulkRow } from '../../../src/lifecycle/bulk/input-file.js';
import { openJournal } from '../../../src/lifecycle/bulk/journal.js';
import { rateLimited, TokenBucket } from '../../../src/lifecycle/bulk/rate-limiter.js';
import { listAll } from '../../../src/lifecycle/list-all.js';
import type { IamCaller } from '../../../src/lifecycle/iam-caller.js';
import { startEmulatorTarget } from '../support/targets.js';

const journalPath = () => join(mkdtempSync(join(tmpdir(), 'bulk-')), 'run.journal');

function rows(count: number, extra: (index: number) => object = () => ({})): BulkRow[] {
  return Array.from({ length: count }, (_, index) => ({
    line: index + 2,
    spec: { userName: `user-${String(index).padStart(4, '0')}`, ...extra(index) },
  }));
}

async function userNames(caller: IamCaller): Promise<string[]> {
  const users = await listAll(caller, 'ListUsers', {}, 'Users');
  return users.map((user) => user.UserName).sort();
}

describe('runBulk against the emulator', () => {
  test('creates 500 users and force-deletes them in one run each', async () => {
    const target = await startEmulatorTarget();
    try {
      await target.caller.send('CreateGroup', { GroupName: 'staff' });
      const input = rows(500, (index) => ({ groups: ['staff'], accessKey: index % 2 === 0 }));
      const caller = rateLimited(target.caller, new TokenBucket(5_000, 200));
      const events: string[] = [];

      const created = await runBulk(caller, {
        operation: 'create',
        rows: input,
        concurrency: 32,
        journal: await openJournal(journalPath()),
        onItem: (event) => events.push(event.status),
      });
      assert.equal(created.done.length, 500);
      assert.equal(created.failed.length, 0);
      assert.equal(events.filter((status) => status === 'created').length, 500);
      assert.equal((await userNames(target.caller)).length, 500);

      const deleted = await runBulk(caller, {
        operation: 'delete',
        rows: input,
        concurrency: 32,
        force: true,
        journal: await openJournal(journalPath()),
      });
      assert.equal(deleted.done.length, 500, JSON.stringify(deleted.failed.slice(0, 3)));
      assert.deepEqual(await userNames(target.caller), []);
    } finally {
      await target.stop();
    }
  });

  test('throttling on a third of all calls slows the run but loses nothing', async () => {
    const target = await startEmulatorTarget();
    try {
      await target.caller.send('CreateGroup', { GroupName: 'staff' });
      target.switches.throttlingRate = 0.33;
      const input = rows(60, () => ({ groups: ['staff'], accessKey: true }));
      const report = await runBulk(target.caller, {
        operation: 'create',
        rows: input,
        concurrency: 8,
      });
      assert.equal(report.done.length, 60, JSON.stringify(report.failed.slice(0, 3)));
      target.switches.throttlingRate = 0;
      assert.equal((await userNames(target.caller)).length, 60);
      const keys = await listAll(
        target.caller,
        'ListAccessKeys',
        { UserName: 'user-0007' },
        'AccessKeyMetadata',
      );
      assert.equal(keys.length, 1);
    } finally {
      await target.stop();
    }
  });

  test('a journal left at creating makes the next run replace the half-made user', async () => {
    const target = await startEmulatorTarget();
    try {
      const path = journalPath();
      const first = await openJournal(path);
      await first.append({ key: 'create:user-0000', line: 2, state: 'creating' });
      await first.append({ key: 'create:user-0001', line: 3, state: 'done', outcome: 'created' });
      await first.close();
      // What a run killed after CreateUser leaves: a user, no group, no key.
      await target.caller.send('CreateUser', { UserName: 'user-0000' });
      await target.caller.send('CreateUser', { UserName: 'user-0001' });

      const report = await runBulk(target.caller, {
        operation: 'create',
        rows: rows(3, () => ({ accessKey: true })),
        journal: await openJournal(path),
      });
      assert.deepEqual(
        report.done.map((item) => item.userName),
        ['user-0000', 'user-0002'],
      );
      assert.deepEqual(
        report.alreadyDone.map((item) => item.userName),
        ['user-0001'],
      );
      const keys = await listAll(
        target.caller,
        'ListAccessKeys',
        { UserName: 'user-0000' },
        'AccessKeyMetadata',
      );
      assert.equal(keys.length, 1);
    } finally {
      await target.stop();
    }
  });

  test('a malformed row with onBadRow fail stops the run before any change', async () => {
    const target = await startEmulatorTarget();
    try {
      const input: BulkRow[] = [
        ...rows(5),
        { line: 7, error: 'bad' },
        ...rows(8).slice(5),
        { line: 12, error: 'worse' },
      ];
      const report = await runBulk(target.caller, {
        operation: 'create',
        rows: input,
        onBadRow: 'fail',
        concurrency: 3,
      });
      assert.equal(report.stoppedAtLine, 7);
      assert.equal(report.done.length, 0);
      assert.deepEqual(
        report.badRows.map((item) => item.line),
        [7, 12],
      );
      assert.equal((await userNames(target.caller)).length, 0);
    } finally {
      await target.stop();
    }
  });

  test('dry runs change nothing', async () => {
    const target = await startEmulatorTarget();
    try {
      const create = await runBulk(target.caller, {
        operation: 'create',
        rows: rows(3),
        dryRun: true,
      });
      assert.deepEqual(
        create.done.map((item) => item.status),
        ['planned', 'planned', 'planned'],
      );
      assert.deepEqual(await userNames(target.caller), []);
    } finally {
      await target.stop();
    }
  });
});

test('TokenBucket holds callers to its rate after the burst', async () => {
  const bucket = new TokenBucket(100, 1);
  const started = Date.now();
  for (let index = 0; index < 21; index++) await bucket.take();
  assert.ok(Date.now() - started >= 180, `took ${Date.now() - started} ms`);
});
