import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IamClient, all } from '@iam-bridge/iam';
import {
  emulatorActions,
  rootContext,
  startEmulator,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { emptyHome, repoRoot, runCli } from './run-cli.js';

const main = join(repoRoot, 'packages/iam-bridge/src/cli/main.ts');

interface Run {
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the CLI; with `killAfterLines`, SIGKILLs it once it has printed that many rows. */
function runBulk(args: string[], env: Record<string, string>, killAfterLines?: number) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: emptyHome, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    if (killAfterLines !== undefined && lines.length >= killAfterLines) child.kill('SIGKILL');
  });
  child.stderr.resume();
  return new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => resolve({ lines, code, signal })),
  );
}

function parseLines(lines: string[]): Array<Record<string, any>> {
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

describe('iam-bridge bulk against the emulator', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  let client: IamClient;
  const dir = mkdtempSync(join(tmpdir(), 'bulk-cli-'));

  before(async () => {
    emulator = await startEmulator({ memory: true });
    env = {
      AWS_ACCESS_KEY_ID: emulator.rootCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.rootCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_IAM: emulator.url,
    };
    client = new IamClient({
      credentials: emulator.rootCredentials,
      endpoint: emulator.url,
      env: {},
    });
    emulatorActions.CreateGroup(
      emulator.store,
      { GroupName: 'staff' },
      rootContext(emulator.store),
    );
  });
  after(() => emulator.stop());

  test('SIGKILLed at random points and restarted, a run ends with exactly its users', async () => {
    const count = 150;
    const names = Array.from({ length: count }, (_, i) => `killed-${String(i).padStart(3, '0')}`);
    const csv = ['userName,path,groups,policies,tags,password,accessKey'];
    for (const name of names) csv.push(`${name},/bulk/,staff,,"run=kill;name=${name}",,true`);
    const file = join(dir, 'killed.csv');
    writeFileSync(file, csv.join('\n') + '\n');
    const args = ['bulk', 'create', '--file', file, '--concurrency', '8', '--rate', '2000'];

    const printed: Array<Record<string, any>> = [];
    for (let kill = 0; kill < 3; kill++) {
      const run = await runBulk(args, env, 1 + Math.floor(Math.random() * 40));
      printed.push(...parseLines(run.lines));
    }
    const last = await runBulk(args, env);
    assert.equal(last.code, 0);
    const events = parseLines(last.lines);
    printed.push(...events);
    const { report } = events.at(-1) ?? {};
    assert.equal(report.failed.length, 0);
    assert.equal(report.done.length + report.alreadyDone.length, count);
    assert.ok(report.alreadyDone.length > 0, 'the killed runs finished some rows');

    const users = await all(client, 'ListUsers', { PathPrefix: '/bulk/' });
    assert.deepEqual(users.map((user) => user.UserName).sort(), names);
    // Every user holds one key, and the last key printed for it is that key.
    const lastPrinted = new Map<string, string>();
    for (const event of printed) {
      if (event.accessKey) lastPrinted.set(event.userName, event.accessKey.accessKeyId);
    }
    for (const name of names) {
      const keys = await all(client, 'ListAccessKeys', { UserName: name });
      assert.equal(keys.length, 1, `${name} has ${keys.length} keys`);
      assert.equal(lastPrinted.get(name), keys[0].AccessKeyId, `${name}'s key was never printed`);
      const groups = await all(client, 'ListGroupsForUser', { UserName: name });
      assert.deepEqual(
        groups.map((group) => group.GroupName),
        ['staff'],
      );
    }

    const deleted = await runBulk(
      ['bulk', 'delete', '--file', file, '--force', '--rate', '2000', '--concurrency', '8'],
      env,
    );
    assert.equal(deleted.code, 0);
    assert.deepEqual(await all(client, 'ListUsers', { PathPrefix: '/bulk/' }), []);
  });

  test('throttling on 40% of calls slows the run but loses nothing', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `throttled-${i}`);
    const file = join(dir, 'throttled.json');
    writeFileSync(
      file,
      JSON.stringify(
        names.map((userName) => ({ userName, path: '/throttled/', groups: ['staff'] })),
      ),
    );
    emulator.store.switches.throttlingRate = 0.4;
    try {
      const run = await runBulk(
        ['bulk', 'create', '--file', file, '--rate', '2000', '--max-attempts', '20'],
        env,
      );
      assert.equal(run.code, 0);
      const { report } = parseLines(run.lines).at(-1) ?? {};
      assert.equal(report.done.length, 40);
    } finally {
      emulator.store.switches.throttlingRate = 0;
    }
    const users = await all(client, 'ListUsers', { PathPrefix: '/throttled/' });
    assert.equal(users.length, 40);
  });

  test('bad rows are reported by line; --on-bad-row fail changes nothing, exit 2', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'userName,path\ngood-1,/bad/\n"bad name",/bad/\ngood-2,/bad/\n');
    const skipped = await runBulk(
      ['bulk', 'create', '--file', file, '--journal', join(dir, 'bad-skip.journal')],
      env,
    );
    assert.equal(skipped.code, 1);
    const events = parseLines(skipped.lines);
    assert.deepEqual(
      events.at(-1)?.report.badRows.map((row: { line: number }) => row.line),
      [3],
    );
    assert.equal(events.at(-1)?.report.done.length, 2);

    const failFile = join(dir, 'bad-fail.csv');
    writeFileSync(failFile, 'userName,path\nstop-1,/stop/\nbad name,/stop/\nstop-2,/stop/\n');
    const stopped = await runBulk(
      ['bulk', 'create', '--file', failFile, '--on-bad-row', 'fail', '--concurrency', '1'],
      env,
    );
    assert.equal(stopped.code, 2);
    const users = await all(client, 'ListUsers', { PathPrefix: '/stop/' });
    assert.deepEqual(users, []);
    assert.equal(parseLines(stopped.lines).at(-1)?.report.stoppedAtLine, 3);
  });

  test('a JSON row with a string where a list belongs is a bad row, never letters', async () => {
    const file = join(dir, 'typed.json');
    writeFileSync(file, '[{"userName":"j0","path":"/typed/"},{"userName":"j1","groups":"staff"}]');
    const result = await runBulk(['bulk', 'create', '--file', file], env);
    assert.equal(result.code, 1);
    const report = parseLines(result.lines).at(-1)?.report;
    assert.deepEqual(
      report.badRows.map((row: { line: number }) => row.line),
      [2],
    );
    assert.match(report.badRows[0].message, /groups must be a list of strings/);
    await assert.rejects(client.send('GetUser', { UserName: 'j1' }), { code: 'NoSuchEntity' });
    assert.equal((await all(client, 'ListUsers', { PathPrefix: '/typed/' })).length, 1);
  });

  test('delete --dry-run without --force plans the rows and says which need force', async () => {
    const file = join(dir, 'dry-unforced.csv');
    writeFileSync(file, 'userName\ngood-1\n');
    await client.send('AddUserToGroup', { UserName: 'good-1', GroupName: 'staff' });
    const result = await runCli(['bulk', 'delete', '--file', file, '--dry-run'], { env });
    assert.equal(result.code, 0, result.stderr);
    const [event] = parseLines(result.stdout.trim().split('\n'));
    assert.equal(event.status, 'planned');
    assert.equal(event.needsForce, true);
    assert.deepEqual(
      event.removed.map((item: { kind: string }) => item.kind),
      ['groupMembership', 'user'],
    );
    await client.send('RemoveUserFromGroup', { UserName: 'good-1', GroupName: 'staff' });
  });

  test('delete --dry-run lists what would go and changes nothing', async () => {
    const file = join(dir, 'dry.csv');
    writeFileSync(file, 'userName\ngood-1\ngood-2\nnobody\n');
    const result = await runCli(['bulk', 'delete', '--file', file, '--force', '--dry-run'], {
      env,
    });
    assert.equal(result.code, 0, result.stderr);
    const events = parseLines(result.stdout.trim().split('\n'));
    assert.deepEqual(
      events
        .slice(0, -1)
        .map((event) => event.status)
        .sort(),
      ['absent', 'planned', 'planned'],
    );
    assert.equal((await all(client, 'ListUsers', { PathPrefix: '/bad/' })).length, 2);
  });
});
