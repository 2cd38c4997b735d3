import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from './run-cli.js';

describe('iam-bridge users against the emulator', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  const users = (...args: string[]) => runCli(['users', ...args], { env });
  const json = async (...args: string[]) => {
    const result = await users(...args, '--json');
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout);
  };

  before(async () => {
    emulator = await startEmulator({ memory: true, switches: { newAccessKeyDelayMs: 300 } });
    env = {
      AWS_ACCESS_KEY_ID: emulator.rootCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.rootCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_IAM: emulator.url,
    };
    const { emulatorActions, rootContext } = await import('../../src/emulator/index.js');
    emulatorActions.CreateGroup(emulator.store, { GroupName: 'dev' }, rootContext(emulator.store));
  });
  after(() => emulator.stop());

  test('create, get, list, rotate-key and delete --force, as JSON', async () => {
    const created = await json(
      'create',
      'ana',
      '--path',
      '/staff/',
      '--tag',
      'team=ops',
      '--group',
      'dev',
      '--generate-password',
      '--access-key',
    );
    assert.equal(created.status, 'created');
    assert.ok(created.password.length >= 20);
    assert.match(created.accessKey.accessKeyId, /^AKIA/);

    const again = await json(
      'create',
      'ana',
      '--path',
      '/staff/',
      '--tag',
      'team=ops',
      '--group',
      'dev',
      '--generate-password',
      '--access-key',
    );
    assert.equal(again.status, 'exists');
    assert.equal(again.password, undefined);

    const shown = await json('get', 'ana');
    assert.deepEqual(shown.groups, ['dev']);
    assert.deepEqual(shown.tags, ['team=ops']);
    const listed = await json('list', '--path-prefix', '/staff/');
    assert.deepEqual(
      listed.map((user: { UserName: string }) => user.UserName),
      ['ana'],
    );

    const rotated = await json('rotate-key', 'ana', '--wait', '--deactivate-old', '--delete-old');
    assert.equal(rotated.usable, true);
    assert.equal(rotated.oldKey, 'deleted');
    assert.equal(rotated.oldAccessKeyId, created.accessKey.accessKeyId);

    const planned = await json('delete', 'ana', '--force', '--dry-run');
    assert.equal(planned.status, 'planned');
    await json('get', 'ana');
    const deleted = await json('delete', 'ana', '--force');
    assert.deepEqual(
      deleted.removed.map((item: { kind: string }) => item.kind),
      ['groupMembership', 'accessKey', 'loginProfile', 'user'],
    );
  });

  test('an AWS error is one line with code, message and request id, exit 1', async () => {
    const result = await users('get', 'nobody');
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      new RegExp(
        '^iam-bridge: NoSuchEntity: The user with name nobody cannot be found\\. ' +
          '\\([\\w-]+\\)\n$',
      ),
    );
  });

  test('delete without --force lists the blockers and changes nothing', async () => {
    await json('create', 'bob', '--access-key');
    const result = await users('delete', 'bob');
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^iam-bridge: DeleteConflict: user bob still has accessKey AKIA\w+;/,
    );
    await json('get', 'bob');
  });

  test('delete --dry-run without --force prints the plan and that it needs force', async () => {
    await json('create', 'dora', '--access-key', '--group', 'dev');
    const result = await users('delete', 'dora', '--dry-run');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^planned: dora\n/);
    assert.match(result.stdout, /groupMembership\s+dev/);
    assert.match(result.stdout, /accessKey\s+AKIA\w+/);
    assert.match(result.stdout, /user\s+dora/);
    assert.match(result.stdout, /it needs --force; nothing was changed/);
    const planned = await json('delete', 'dora', '--dry-run');
    assert.equal(planned.needsForce, true);
    assert.deepEqual(
      planned.removed.map((item: { kind: string }) => item.kind),
      ['groupMembership', 'accessKey', 'user'],
    );
    await json('get', 'dora');
  });

  test('create --dry-run changes nothing; a failing step is rolled back', async () => {
    const planned = await json('create', 'cy', '--group', 'dev', '--dry-run');
    assert.deepEqual(planned.steps, ['CreateUser', 'AddUserToGroup dev']);
    const failed = await users('create', 'cy', '--group', 'missing-group');
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /CreateFailed: creating user cy failed at AddUserToGroup missing-group/,
    );
    assert.match(failed.stderr, /rolled back: CreateUser/);
    assert.equal((await users('get', 'cy')).code, 1);
  });

  test('rotate-key refuses when two keys are active', async () => {
    await json('create', 'dee', '--access-key');
    await json('rotate-key', 'dee');
    const result = await users('rotate-key', 'dee');
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /RotateRefused: cannot rotate the access key of dee: user has two active keys/,
    );
  });
});
