// `iam-bridge call` spawned against the local emulator: typed input from Name=Value pairs and
// JSON, JSON and table output, AWS errors, input refused before sending, endpoint and
// profile resolution as the AWS CLI does it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '@iam-bridge/iam';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emptyHome, runCli, type CliResult } from './run-cli.js';

/** A server that must never be reached: it counts requests and answers with a non-AWS 400. */
async function startTrap(): Promise<{ url: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(400).end('this endpoint should not have been used');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, server };
}

function assertOneErrorLine(result: CliResult, exitCode: number, code: string): string {
  assert.equal(result.code, exitCode, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, result.stderr);
  assert.ok(lines[0].startsWith(`iam-bridge: ${code}: `), lines[0]);
  return lines[0];
}

describe('iam-bridge call against the emulator', { concurrency: true }, () => {
  let emulator: RunningEmulator;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  let iam: IamClient;
  let keys: Record<string, string>;
  const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

  before(async () => {
    emulator = await startEmulator({ memory: true });
    trap = await startTrap();
    const { accessKeyId, secretAccessKey } = emulator.rootCredentials;
    keys = { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey };
    iam = new IamClient({
      endpoint: emulator.url,
      credentials: { accessKeyId, secretAccessKey },
      env: { HOME: emptyHome },
    });
    await iam.send('CreateUser', { UserName: 'listed', Path: '/team/' });
    await iam.send('CreateUser', { UserName: 'tagged' });
  });
  after(async () => {
    await emulator.stop();
    trap.server.close();
  });

  const call = (args: string[], env: Record<string, string> = {}) =>
    runCli(['call', ...args], { env: { ...keys, AWS_ENDPOINT_URL: emulator.url, ...env } });

  it('CreateUser with list parameters in the Query form prints the typed result', async () => {
    const result = await call([
      'CreateUser',
      'UserName=ana',
      'Path=/ops/',
      'Tags.member.1.Key=team',
      'Tags.member.1.Value=ops',
      'Tags.member.2.Key=cost center',
      'Tags.member.2.Value=a=b',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const { User } = JSON.parse(result.stdout);
    assert.equal(User.UserName, 'ana');
    assert.equal(User.Path, '/ops/');
    assert.match(User.CreateDate, ISO_DATE);
    assert.deepEqual(User.Tags, [
      { Key: 'team', Value: 'ops' },
      { Key: 'cost center', Value: 'a=b' },
    ]);
  });

  it('TagUser with --params JSON', async () => {
    const params = { UserName: 'tagged', Tags: [{ Key: 'k', Value: 'v' }] };
    const result = await call(['TagUser', '--params', JSON.stringify(params)]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {});
    const { Tags } = await iam.send('ListUserTags', { UserName: 'tagged' });
    assert.deepEqual(Tags, [{ Key: 'k', Value: 'v' }]);
  });

  it('ListUsers --output table prints one row per user', async () => {
    const result = await call(['ListUsers', 'PathPrefix=/team/', '--output', 'table']);
    assert.equal(result.code, 0, result.stderr);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    assert.deepEqual(header.split(/\s{2,}/), ['Path', 'UserName', 'UserId', 'Arn', 'CreateDate']);
    assert.equal(rows.length, 1);
    assert.match(rows[0], /^\/team\/\s+listed\s+AIDA\w+\s+arn:aws:iam::\d{12}:user\/team\/listed/);
  });

  it('NoSuchEntity: exit 1, one line with the code, message and request id', async () => {
    const line = assertOneErrorLine(await call(['GetUser', 'UserName=nobody']), 1, 'NoSuchEntity');
    assert.match(line, /The user with name nobody cannot be found\. \([0-9a-f-]{36}\)$/);
  });

  const refusedBeforeSending: Array<[string, string[], string, RegExp]> = [
    ['an unknown action', ['GetUsr', 'UserName=a'], 'UnknownOperation', /"GetUsr"/],
    ['a missing parameter', ['CreateUser', 'Path=/a/'], 'MissingParameter', /UserName/],
    ['an unknown parameter', ['CreateUser', 'UserNme=a'], 'UnknownParameter', /UserNme/],
    [
      'a mistyped JSON member',
      ['ListUsers', '--params', '{"MaxItems":"x"}'],
      'InvalidParameterType',
      /MaxItems/,
    ],
  ];
  for (const [name, args, code, text] of refusedBeforeSending) {
    it(`${name}: exit 2, naming it, nothing sent`, async () => {
      const result = await runCli(['call', ...args, '--endpoint-url', trap.url], { env: keys });
      assert.match(assertOneErrorLine(result, 2, code), text);
      assert.equal(trap.hits(), 0);
    });
  }

  it('AWS_ENDPOINT_URL_IAM wins over AWS_ENDPOINT_URL', async () => {
    const result = await call(['GetUser', 'UserName=listed'], {
      AWS_ENDPOINT_URL: trap.url,
      AWS_ENDPOINT_URL_IAM: emulator.url,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).User.UserName, 'listed');
    assert.equal(trap.hits(), 0);
  });

  it('--endpoint-url wins over AWS_ENDPOINT_URL_IAM', async () => {
    const result = await call(['GetUser', 'UserName=listed', '--endpoint-url', emulator.url], {
      AWS_ENDPOINT_URL: trap.url,
      AWS_ENDPOINT_URL_IAM: trap.url,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(trap.hits(), 0);
  });

  it('--profile from the shared files beats the environment; its region keeps IAM on us-east-1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-call-profile-'));
    const { accessKeyId, secretAccessKey } = emulator.rootCredentials;
    writeFileSync(
      join(dir, 'credentials'),
      `[admin]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    writeFileSync(join(dir, 'config'), '[profile admin]\nregion = eu-west-1\n');
    const result = await runCli(['call', 'GetUser', 'UserName=listed', '--profile', 'admin'], {
      env: {
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_CONFIG_FILE: join(dir, 'config'),
        AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0',
        AWS_SECRET_ACCESS_KEY: 'wrong',
        AWS_ENDPOINT_URL_IAM: emulator.url,
      },
    });
    // The emulator checks the scope: a request signed for eu-west-1 would be refused.
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).User.UserName, 'listed');
  });
});
