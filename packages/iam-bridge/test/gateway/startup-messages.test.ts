// What the gateway says at startup and when a setting is unusable: the real database (with
// any PostgreSQL password masked), and the value given, quoted, instead of NaN.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { resolveConfig } from '../../src/gateway/config.js';
import { databaseForDisplay } from '../../src/gateway/store/index.js';
import { startTestGateway } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-startup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the no-key hint and the listening line name the actual database', async () => {
  const database = join(dir, 'gateway.sqlite');
  const g = await startTestGateway({ database });
  try {
    const hint = g.logLines.find((line) => line.includes('no API keys yet'));
    assert.ok(hint, g.logLines.join(''));
    assert.ok(JSON.parse(hint).msg.endsWith(`--database ${database}\``), hint);
    assert.doesNotMatch(hint, /this database/);
    const listening = g.logLines.find((line) => line.includes('gateway listening'));
    assert.equal(JSON.parse(listening!).database, database);
  } finally {
    await g.stop();
  }
});

test('a PostgreSQL password never reaches a log line or message', () => {
  assert.equal(
    databaseForDisplay('postgres://gateway:s3cret@db.internal:5432/iam?sslmode=require'),
    'postgres://gateway:****@db.internal:5432/iam?sslmode=require',
  );
  assert.equal(
    databaseForDisplay('postgresql://gateway:p%40ss@db/iam'),
    'postgresql://gateway:****@db/iam',
  );
  assert.equal(databaseForDisplay('postgres://gateway@db/iam'), 'postgres://gateway@db/iam');
  assert.equal(databaseForDisplay('postgres://u:pw@[bad/iam'), 'postgres://u:****@[bad/iam');
  assert.equal(databaseForDisplay('data/gateway.sqlite'), 'data/gateway.sqlite');
});

test('a numeric setting that is not a number is quoted as given, with its source', () => {
  assert.throws(
    () => resolveConfig({}, { IAM_BRIDGE_PORT: 'abc' }),
    /port must be a whole number from 0 to 65535, got "abc" \(from IAM_BRIDGE_PORT\)/,
  );
  assert.throws(
    () => resolveConfig({}, { IAM_BRIDGE_BODY_LIMIT: '1mb' }),
    /got "1mb" \(from IAM_BRIDGE_BODY_LIMIT\)/,
  );
  assert.throws(() => resolveConfig({ port: 70000 }), /got 70000$/);
  assert.equal(resolveConfig({}, { IAM_BRIDGE_PORT: '9090' }).port, 9090);
});

test('a fixed emulator port is where presigned URLs point, and a bad one is refused', async () => {
  const free = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const g = await startTestGateway({ emulatorPort: free });
  try {
    const presigned = await g.call('POST', '/v1/presign', { body: { action: 'ListUsers' } });
    assert.equal(presigned.status, 200, presigned.text);
    assert.equal(new URL(presigned.body.url).port, String(free));
    assert.equal((await fetch(presigned.body.url)).status, 200);
  } finally {
    await g.stop();
  }
  assert.equal(resolveConfig({}, { IAM_BRIDGE_EMULATOR_PORT: '9091' }).emulatorPort, 9091);
  assert.throws(
    () => resolveConfig({}, { IAM_BRIDGE_EMULATOR_PORT: 'x' }),
    /emulatorPort must be a whole number from 0 to 65535, got "x" \(from IAM_BRIDGE_EMULATOR_PORT\)/,
  );
});
