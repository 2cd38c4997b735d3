import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { IamClient } from '@iam-bridge/iam';
import { reconcileOrphanedAudit } from '../../src/gateway/audit.js';
import { openGatewayStore, type GatewayStore } from '../../src/gateway/store/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

// A gateway that dies between writing a CreateUser intent and its outcome leaves the intent
// pending; another instance then settles it by asking IAM.
describe('settling audit intents left by a dead instance', () => {
  let emulator: RunningEmulator;
  let store: GatewayStore;
  let iam: IamClient;
  const logger = pino({ level: 'silent' });

  before(async () => {
    emulator = await startEmulator({ memory: true });
    iam = new IamClient({ endpoint: emulator.url, credentials: emulator.rootCredentials });
    store = await openGatewayStore(':memory:');
  });
  after(async () => {
    await store.close();
    await emulator.stop();
  });

  const intent = (userName: string, instanceId: string, time: string) =>
    store.appendAudit({
      time,
      caller: 'key:k1 (test)',
      action: 'CreateUser',
      target: `user/${userName}`,
      requestId: 'r',
      instanceId,
    });

  test('an orphan whose change a later attempt made is failed, not credited with it', async () => {
    const orphan = await intent('later', 'dead-1', '2026-01-01T00:00:00.000Z');
    const retry = await intent('later', 'alive-1', '2026-01-01T00:00:01.000Z');
    await iam.send('CreateUser', { UserName: 'later' });
    await store.finishAudit(retry, { outcome: 'succeeded', status: 200 });

    await reconcileOrphanedAudit(store, iam, { staleMs: 0, logger });
    const [entry] = (await store.listAudit({ target: 'user/later', limit: 10 })).filter(
      (e) => e.id === orphan,
    );
    assert.equal(entry?.outcome, 'reconciled-failed');
  });

  test('an orphan is judged by the first later attempt that shows what it found', async () => {
    // A resumed bulk job replaces the half-made user: it deletes it, then creates it again.
    const orphan = await intent('replaced', 'dead-3', '2026-01-01T00:00:00.000Z');
    const replace = await store.appendAudit({
      time: '2026-01-01T00:00:01.000Z',
      caller: 'key:k1 (test)',
      action: 'DeleteUser',
      target: 'user/replaced',
      requestId: 'r',
      instanceId: 'alive-3',
    });
    await store.finishAudit(replace, { outcome: 'succeeded', status: 200 });

    // Between the delete and the new create, IAM has no such user; the delete shows that
    // the orphan had made it.
    await reconcileOrphanedAudit(store, iam, { staleMs: 0, logger });
    const entries = await store.listAudit({ target: 'user/replaced', limit: 10 });
    assert.equal(entries.find((e) => e.id === orphan)?.outcome, 'reconciled-succeeded');
  });

  test('an orphan waits while a later attempt by a live instance is running', async () => {
    await store.heartbeat('alive-4', '2999-01-01T00:00:00.000Z');
    const orphan = await intent('racing', 'dead-4', '2026-01-01T00:00:00.000Z');
    const retry = await intent('racing', 'alive-4', '2026-01-01T00:00:01.000Z');
    // The retry's call has reached IAM; its outcome is not written yet.
    await iam.send('CreateUser', { UserName: 'racing' });

    await reconcileOrphanedAudit(store, iam, { staleMs: 0, logger });
    const outcomeOf = async () =>
      (await store.listAudit({ target: 'user/racing', limit: 10 })).find((e) => e.id === orphan)
        ?.outcome;
    assert.equal(await outcomeOf(), 'pending');

    await store.finishAudit(retry, { outcome: 'succeeded', status: 200 });
    await reconcileOrphanedAudit(store, iam, { staleMs: 0, logger });
    assert.equal(await outcomeOf(), 'reconciled-failed');
  });

  test('an orphan whose user exists with no later attempt is credited', async () => {
    const orphan = await intent('alone', 'dead-2', '2026-01-01T00:00:00.000Z');
    await iam.send('CreateUser', { UserName: 'alone' });
    await reconcileOrphanedAudit(store, iam, { staleMs: 0, logger });
    const entries = await store.listAudit({ target: 'user/alone', limit: 10 });
    assert.equal(entries.find((e) => e.id === orphan)?.outcome, 'reconciled-succeeded');
  });
});
