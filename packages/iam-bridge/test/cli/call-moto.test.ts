// `iam-bridge call` and `whoami` spawned against moto_server, an IAM implementation we did
// not write, with moto checking every Authorization header after a bootstrap admin key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '@iam-bridge/iam';
import {
  motoUnavailable,
  startMoto,
  type MotoServer,
} from '../../../iam/test/support/moto-server.js';
import { emptyHome, runCli, type CliResult } from './run-cli.js';

const skip = motoUnavailable();
const allowAll = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

function oneErrorLine(result: CliResult): string {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.split('\n').filter(Boolean).length, 1, result.stderr);
  return result.stderr.trimEnd();
}

describe('iam-bridge call and whoami against moto_server', { skip, concurrency: true }, () => {
  let moto: MotoServer;
  let env: Record<string, string>;

  before(async () => {
    moto = await startMoto({ initialNoAuthActionCount: 3 });
    const bootstrap = new IamClient({
      endpoint: moto.url,
      env: { HOME: emptyHome },
      credentials: { accessKeyId: 'AKIDBOOTSTRAP', secretAccessKey: 'unchecked' },
    });
    await bootstrap.send('CreateUser', { UserName: 'admin' });
    const { AccessKey } = await bootstrap.send('CreateAccessKey', { UserName: 'admin' });
    await bootstrap.send('PutUserPolicy', {
      UserName: 'admin',
      PolicyName: 'allow-all',
      PolicyDocument: allowAll,
    });
    env = {
      AWS_ACCESS_KEY_ID: AccessKey.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: AccessKey.SecretAccessKey,
      AWS_ENDPOINT_URL: moto.url,
    };
  });
  after(() => moto?.stop());

  it('CreateUser with tags as Name=Value, then TagUser with JSON and ListUserTags as a table', async () => {
    const created = await runCli(
      ['call', 'CreateUser', 'UserName=dana', 'Tags.member.1.Key=team', 'Tags.member.1.Value=a'],
      { env },
    );
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).User.UserName, 'dana');

    const tags = { UserName: 'dana', Tags: [{ Key: 'cost', Value: '42' }] };
    const tagged = await runCli(['call', 'TagUser', '--params', JSON.stringify(tags)], { env });
    assert.equal(tagged.code, 0, tagged.stderr);

    const listed = await runCli(['call', 'ListUserTags', 'UserName=dana', '--output', 'table'], {
      env,
    });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      listed.stdout
        .trimEnd()
        .split('\n')
        .map((row) => row.split(/\s+/)),
      [
        ['Key', 'Value'],
        ['team', 'a'],
        ['cost', '42'],
      ],
    );
  });

  it('ListUsers as JSON, dates as ISO 8601 text', async () => {
    const result = await runCli(['call', 'ListUsers'], { env });
    assert.equal(result.code, 0, result.stderr);
    const { Users } = JSON.parse(result.stdout);
    const admin = Users.find((user: { UserName: string }) => user.UserName === 'admin');
    assert.match(admin.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('NoSuchEntity: exit 1, one line with the code', async () => {
    const line = oneErrorLine(await runCli(['call', 'GetUser', 'UserName=ghost'], { env }));
    assert.match(line, /^iam-bridge: NoSuchEntity: .*ghost/);
  });

  it("a wrong secret: moto's nested error arrives as SignatureDoesNotMatch", async () => {
    const result = await runCli(['call', 'ListUsers'], {
      env: { ...env, AWS_SECRET_ACCESS_KEY: 'not-the-secret' },
    });
    assert.match(oneErrorLine(result), /^iam-bridge: SignatureDoesNotMatch: /);
  });

  it('whoami names the admin user', async () => {
    const result = await runCli(['whoami'], { env });
    assert.equal(result.code, 0, result.stderr);
    const { Account, UserId, Arn } = JSON.parse(result.stdout);
    assert.match(Account, /^\d{12}$/);
    assert.ok(UserId);
    assert.match(Arn, /^arn:aws:(iam|sts)::\d{12}:user\/admin$/);
  });
});
