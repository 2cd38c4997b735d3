// `iam-bridge whoami` spawned against the emulator: the root and a user's key, found through
// AWS_PROFILE in a temporary shared credentials file and through the environment.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '@iam-bridge/iam';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emptyHome, runCli } from './run-cli.js';

describe('iam-bridge whoami against the emulator', { concurrency: true }, () => {
  let emulator: RunningEmulator;
  let credentialsFile: string;

  before(async () => {
    emulator = await startEmulator({ memory: true });
    const iam = new IamClient({
      endpoint: emulator.url,
      credentials: emulator.rootCredentials,
      env: { HOME: emptyHome },
    });
    await iam.send('CreateUser', { UserName: 'carol' });
    const { AccessKey } = await iam.send('CreateAccessKey', { UserName: 'carol' });

    credentialsFile = join(mkdtempSync(join(tmpdir(), 'iam-bridge-whoami-')), 'credentials');
    writeFileSync(
      credentialsFile,
      `[carol]\naws_access_key_id = ${AccessKey.AccessKeyId}\n` +
        `aws_secret_access_key = ${AccessKey.SecretAccessKey}\n`,
    );
  });
  after(() => emulator.stop());

  it('prints Account, UserId and Arn of the root credentials as JSON', async () => {
    const { accessKeyId, secretAccessKey } = emulator.rootCredentials;
    const result = await runCli(['whoami', '--endpoint-url', emulator.url], {
      env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      Account: emulator.accountId,
      UserId: emulator.accountId,
      Arn: `arn:aws:iam::${emulator.accountId}:root`,
    });
  });

  it('AWS_PROFILE selects a user key from AWS_SHARED_CREDENTIALS_FILE; --output text', async () => {
    const result = await runCli(['whoami', '--output', 'text'], {
      env: {
        AWS_PROFILE: 'carol',
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_ENDPOINT_URL: emulator.url,
        AWS_REGION: 'eu-west-1',
      },
    });
    assert.equal(result.code, 0, result.stderr);
    const [account, userId, arn] = result.stdout.trimEnd().split('\t');
    assert.equal(account, emulator.accountId);
    assert.match(userId, /^AIDA/);
    assert.equal(arn, `arn:aws:iam::${emulator.accountId}:user/carol`);
  });
});
