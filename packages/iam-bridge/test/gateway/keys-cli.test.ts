// `iam-bridge keys create|list|revoke` against a SQLite database, as an operator runs them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

import { ApiKeyVerifier } from '../../src/gateway/auth/api-keys.js';
import { openGatewayStore } from '../../src/gateway/store/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const main = join(root, 'packages/iam-bridge/src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', main, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, ...env },
      timeout: 30_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('keys create prints the key once; list never shows it; revoke stops it', async () => {
  const database = join(dir, 'gateway.sqlite');
  const created = cli(
    'keys',
    'create',
    '--name',
    'ci',
    '--scopes',
    'read,write',
    '--database',
    database,
  );
  assert.equal(created.code, 0, created.stderr);
  const key = created.stdout.trim();
  assert.match(key, /^iamb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  assert.match(created.stderr, /shown once/);

  const listed = cli('keys', 'list', '--database', database, '--json');
  assert.equal(listed.code, 0, listed.stderr);
  const records = JSON.parse(listed.stdout);
  assert.equal(records.length, 1);
  assert.deepEqual(records[0].scopes, ['read', 'write']);
  assert.ok(!listed.stdout.includes(key.slice('iamb_0123456789ab_'.length)));
  assert.equal(records[0].hash, undefined);

  const store = await openGatewayStore(database);
  try {
    assert.equal((await new ApiKeyVerifier(store).verify(key))?.name, 'ci');
    const revoked = cli('keys', 'revoke', records[0].id, '--database', database);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(await new ApiKeyVerifier(store).verify(key), undefined);
  } finally {
    await store.close();
  }
  const again = cli('keys', 'revoke', records[0].id, '--database', database);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /NoSuchKey/);
  const badScope = cli('keys', 'create', '--name', 'x', '--scopes', 'root', '--database', database);
  assert.equal(badScope.code, 2);
  assert.match(badScope.stderr, /InvalidScopes/);
});

test('a database in a missing folder is a usage error naming the path, for keys and serve', () => {
  const missing = join(dir, 'no-such-folder', 'gateway.sqlite');
  const folder = join(dir, 'no-such-folder');
  for (const args of [
    ['keys', 'list', '--database', missing],
    ['keys', 'create', '--name', 'ci', '--scopes', 'read', '--database', missing],
    ['serve', '--port', '0', '--database', missing],
  ]) {
    const result = cli(...args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /InvalidDatabase/);
    assert.ok(result.stderr.includes(missing), result.stderr);
    assert.ok(result.stderr.includes(`the folder ${folder} does not exist`), result.stderr);
    assert.doesNotMatch(result.stderr, /InternalError/);
  }
  const fromEnv = cliWith({ IAM_BRIDGE_DATABASE: missing }, 'keys', 'list');
  assert.equal(fromEnv.code, 2, fromEnv.stderr);
  assert.ok(fromEnv.stderr.includes(missing), fromEnv.stderr);

  const asFolder = cli('keys', 'list', '--database', dir);
  assert.equal(asFolder.code, 2, asFolder.stderr);
  assert.match(asFolder.stderr, /is a folder, not a SQLite file/);
});

test('a port that is not a number is refused quoting the input as given', () => {
  const fromEnv = cliWith({ IAM_BRIDGE_PORT: 'abc' }, 'serve', '--database', ':memory:');
  assert.equal(fromEnv.code, 2, fromEnv.stderr);
  assert.match(fromEnv.stderr, /got "abc" \(from IAM_BRIDGE_PORT\)/);
  assert.doesNotMatch(fromEnv.stderr, /NaN/);
  const fromFlag = cli('serve', '--port', 'abc', '--database', ':memory:');
  assert.equal(fromFlag.code, 2, fromFlag.stderr);
  assert.match(fromFlag.stderr, /--port must be a number, not "abc"/);
});
