// `iam-bridge local` as a user runs it: a child process that prints its endpoint and root
// credentials, serves signed requests, keeps state in its data file and stops on a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { temporaryDirectory } from './helpers.js';
import { call, xmlText } from './http-support.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const main = join(repoRoot, 'packages/iam-bridge/src/cli/main.ts');
// The child runs in a scratch directory, so the TypeScript loader is named by its full URL.
const tsx = import.meta.resolve('tsx');
const tmp = temporaryDirectory();
after(() => tmp.cleanup());

interface Running {
  child: ChildProcess;
  url: string;
  banner: string;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startLocal(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', tsx, main, 'local', '--port', '0', ...args],
    { cwd: tmp.dir, env: { PATH: process.env.PATH ?? '', HOME: tmp.dir, ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.once('exit', (code) => done({ code, stdout, stderr })),
  );

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner within 30 s:\n${stdout}\n${stderr}`));
    }, 30_000);
    const watch = () => {
      if (!stdout.includes('Press Ctrl-C to stop.')) return;
      clearTimeout(timer);
      child.stdout!.off('data', watch);
      resolve({ child, url: /listening on (\S+)/.exec(stdout)![1]!, banner: stdout, exited });
    };
    child.stdout!.on('data', watch);
    void exited.then((result) => {
      clearTimeout(timer);
      reject(new Error(`exited early with ${result.code}:\n${result.stdout}\n${result.stderr}`));
    });
  });
}

describe('iam-bridge local', () => {
  it('prints endpoint, credentials and an example, serves, and stops on SIGINT', async () => {
    const running = await startLocal([]);
    assert.match(running.banner, /root credentials: AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE /);
    assert.match(running.banner, /aws --endpoint-url http:\/\/127\.0\.0\.1:\d+ iam list-users/);
    assert.match(running.banner, /state: +\S+iam-bridge-emulator\.db/);

    const created = await call(running.url, 'CreateUser', { UserName: 'from-cli' });
    assert.equal(created.status, 200, created.body);
    running.child.kill('SIGINT');
    const result = await running.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /iam-bridge emulator stopped \(SIGINT\)/);
    assert.match(result.stderr, /"action":"CreateUser"/);
    assert.ok(existsSync(join(tmp.dir, 'iam-bridge-emulator.db')));

    const again = await startLocal([]);
    const users = await call(again.url, 'GetUser', { UserName: 'from-cli' });
    assert.equal(users.status, 200, 'the user survived the restart');
    again.child.kill('SIGTERM');
    assert.equal((await again.exited).code, 0);
  });

  it('takes root credentials, account id and switches from flags and the environment', async () => {
    const credentials = { accessKeyId: 'AKIALOCALLOCAL000001', secretAccessKey: 'local-secret' };
    const running = await startLocal(
      [
        '--memory',
        '--root-credentials',
        `${credentials.accessKeyId}:${credentials.secretAccessKey}`,
        '--account-id',
        '210987654321',
        '--log-level',
        'silent',
      ],
      { IAM_BRIDGE_EMULATOR_THROTTLE_RATE: '1' },
    );
    try {
      assert.match(running.banner, /state: +in memory/);
      assert.match(running.banner, /switches: +throttlingRate=1/);
      const throttled = await call(running.url, 'GetCallerIdentity', {}, { credentials });
      assert.equal(throttled.code, 'Throttling');
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }

    const unthrottled = await startLocal(
      [
        '--memory',
        '--root-credentials',
        `${credentials.accessKeyId}:${credentials.secretAccessKey}`,
        '--account-id',
        '210987654321',
        '--throttle-rate',
        '0',
        '--log-level',
        'silent',
      ],
      { IAM_BRIDGE_EMULATOR_THROTTLE_RATE: '1' },
    );
    try {
      const identity = await call(unthrottled.url, 'GetCallerIdentity', {}, { credentials });
      assert.equal(xmlText(identity.body, 'Arn'), 'arn:aws:iam::210987654321:root');
    } finally {
      unthrottled.child.kill('SIGTERM');
      await unthrottled.exited;
    }
  });

  it('refuses bad flag values with a usage error', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', tsx, main, 'local', '--failure-rate', '3'],
      { cwd: tmp.dir, env: { PATH: process.env.PATH ?? '', HOME: tmp.dir } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((done) => child.once('exit', done));
    assert.equal(code, 2);
    assert.match(stderr, /serviceFailureRate must be between 0 and 1, not 3/);
  });

  it('a data file it cannot open is a usage error naming the path and the problem', async () => {
    const run = async (data: string) => {
      const child = spawn(
        process.execPath,
        ['--conditions=source', '--import', tsx, main, 'local', '--port', '0', '--data', data],
        { cwd: tmp.dir, env: { PATH: process.env.PATH ?? '', HOME: tmp.dir } },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise((done) => child.once('exit', done));
      return { code, stderr };
    };
    const missing = join(tmp.dir, 'no-such-dir', 'x.db');
    const absent = await run(missing);
    assert.equal(absent.code, 2);
    assert.equal(
      absent.stderr,
      `iam-bridge: InvalidDataFile: --data ${missing}: the directory ` +
        `${join(tmp.dir, 'no-such-dir')} does not exist\n`,
    );

    const notDatabase = join(tmp.dir, 'not-a-database.db');
    writeFileSync(notDatabase, 'this is no SQLite file, only some text '.repeat(4));
    const garbage = await run(notDatabase);
    assert.equal(garbage.code, 2);
    assert.match(garbage.stderr, /^iam-bridge: InvalidDataFile: --data .*not-a-database\.db: /);
    assert.match(garbage.stderr, /file is not a database/);

    const directory = await run(tmp.dir);
    assert.equal(directory.code, 2);
    assert.match(directory.stderr, /it is a directory, not a file/);
  });
});
