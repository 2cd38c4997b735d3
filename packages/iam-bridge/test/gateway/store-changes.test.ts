// The two writes every audited change makes on the SQLite store: the intent with its
// idempotency claim (synced), then the outcome with the key's answer (committed, not synced).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import Database from 'better-sqlite3';

import { writeBatcher } from '../../src/gateway/store/sqlite-batch.js';
import { sqliteChangeRecords } from '../../src/gateway/store/sqlite-changes.js';
import { openSqliteStore } from '../../src/gateway/store/sqlite.js';
import type { GatewayStore, IdempotencyClaim } from '../../src/gateway/store/index.js';

const NOW = '2026-01-01T00:00:00.000Z';
const entry = {
  time: NOW,
  caller: 'key:k1 (test)',
  action: 'CreateUser',
  target: 'user/ana',
  requestId: 'r1',
  instanceId: 'i1',
};
const claim = (key: string, fingerprint = 'f1'): IdempotencyClaim => ({
  caller: 'key:k1',
  key,
  fingerprint,
  now: NOW,
  expiresAt: '2026-01-02T00:00:00.000Z',
  instanceId: 'i1',
  staleBefore: '2025-12-31T23:55:00.000Z',
  instanceStaleBefore: '2025-12-31T23:59:45.000Z',
});

describe('SQLite store: a change begins and ends in one write each', () => {
  let dir: string;
  let store: GatewayStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iam-bridge-store-changes-'));
    store = openSqliteStore(join(dir, 'gateway.sqlite'));
    await store.heartbeat('i1', NOW);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pending = async () => (await store.listAudit({ outcome: 'pending', limit: 100 })).length;

  test('a new key is claimed with the intent; its answer is replayed with no new intent', async () => {
    const start = await store.beginChange(entry, claim('k-answered'));
    assert.equal(start.state, 'new');
    if (start.state !== 'new') return;
    assert.equal(await pending(), 1);

    const answer = { status: 201, body: '{"status":"created"}' };
    await store.finishChange(
      start.auditId,
      { outcome: 'succeeded', status: 201 },
      { caller: 'key:k1', key: 'k-answered', answer },
    );
    assert.equal(await pending(), 0);

    assert.deepEqual(await store.beginChange(entry, claim('k-answered')), {
      state: 'replay',
      answer,
    });
    assert.deepEqual(await store.beginChange(entry, claim('k-answered', 'other')), {
      state: 'mismatch',
    });
    const entries = await store.listAudit({ target: 'user/ana', limit: 100 });
    assert.equal(entries.length, 1, 'refused and replayed requests write no intent');
  });

  test('a key in flight writes no intent; released, the next request acts', async () => {
    const first = await store.beginChange(entry, claim('k-released'));
    assert.equal(first.state, 'new');
    if (first.state !== 'new') return;
    assert.deepEqual(await store.beginChange(entry, claim('k-released')), { state: 'in-flight' });
    assert.equal(await pending(), 1);

    await store.finishChange(
      first.auditId,
      { outcome: 'failed', status: 503, errorCode: 'ServiceFailure' },
      { caller: 'key:k1', key: 'k-released' },
    );
    const retry = await store.beginChange(entry, claim('k-released'));
    assert.equal(retry.state, 'new');
  });

  test('a change without a key writes its intent and outcome alone', async () => {
    const start = await store.beginChange({ ...entry, target: 'user/bo' });
    assert.equal(start.state, 'new');
    if (start.state !== 'new') return;
    await store.finishChange(start.auditId, { outcome: 'succeeded', status: 201 });
    const [written] = await store.listAudit({ target: 'user/bo', limit: 1 });
    assert.equal(written?.outcome, 'succeeded');
    assert.equal(written?.status, 201);
  });
});

describe('SQLite change records: intents on the synced connection, outcomes on the other', () => {
  let dir: string;
  let synced: Database.Database;
  let unsynced: Database.Database;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'iam-bridge-change-records-'));
    const file = join(dir, 'gateway.sqlite');
    openSqliteStore(file).close();
    synced = new Database(file);
    synced.pragma('synchronous = FULL');
    unsynced = new Database(file);
    unsynced.pragma('synchronous = NORMAL');
  });
  after(() => {
    unsynced.close();
    synced.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('beginChange commits with the WAL synced, finishChange without', async () => {
    const used: string[] = [];
    const writer = (name: string, db: Database.Database) => {
      const write = writeBatcher(db);
      return {
        db,
        write: <T>(run: () => T) =>
          write(() => {
            // 2 is FULL (the WAL synced at commit), 1 is NORMAL.
            used.push(`${name}:${db.pragma('synchronous', { simple: true })}`);
            return run();
          }),
      };
    };
    const records = sqliteChangeRecords(writer('synced', synced), writer('unsynced', unsynced));

    const start = await records.beginChange(entry, claim('k-routed'));
    assert.equal(start.state, 'new');
    if (start.state !== 'new') return;
    await records.finishChange(
      start.auditId,
      { outcome: 'succeeded', status: 201 },
      { caller: 'key:k1', key: 'k-routed', answer: { status: 201, body: '{}' } },
    );
    assert.deepEqual(used, ['synced:2', 'unsynced:1']);

    const row = synced.prepare('SELECT outcome FROM audit_log WHERE id = ?').get(start.auditId);
    assert.deepEqual(row, { outcome: 'succeeded' }, 'the other connection reads the outcome');
  });

  test("one write's failure is its own; the batch still commits the others", async () => {
    const write = writeBatcher(synced);
    synced.exec('CREATE TABLE IF NOT EXISTS t (v INTEGER NOT NULL)');
    const results = await Promise.allSettled([
      write(() => synced.prepare('INSERT INTO t (v) VALUES (1)').run().changes),
      write(() => synced.prepare('INSERT INTO t (v) VALUES (NULL)').run().changes),
    ]);
    assert.equal(results[0].status, 'fulfilled');
    assert.equal(results[1].status, 'rejected');
    assert.deepEqual(synced.prepare('SELECT COUNT(*) AS n FROM t').get(), { n: 1 });
  });
});
