// `iam-bridge presign-action` spawned, its URLs fetched with node's fetch against the
// emulator, which checks presigned signatures as AWS does (moto does not check them at all).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '@iam-bridge/iam';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emptyHome, runCli } from './run-cli.js';

describe('iam-bridge presign-action against the emulator', { concurrency: true }, () => {
  let emulator: RunningEmulator;
  let iam: IamClient;
  let env: Record<string, string>;

  before(async () => {
    emulator = await startEmulator({ memory: true });
    const { accessKeyId, secretAccessKey } = emulator.rootCredentials;
    env = {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_ENDPOINT_URL_IAM: emulator.url,
    };
    iam = new IamClient({
      endpoint: emulator.url,
      credentials: { accessKeyId, secretAccessKey },
      env: { HOME: emptyHome },
    });
    await iam.send('CreateUser', { UserName: 'ana' });
  });
  after(() => emulator.stop());

  it('prints a GET URL the emulator accepts', async () => {
    const result = await runCli(['presign-action', 'GetUser', 'UserName=ana', '--expires', '60'], {
      env,
    });
    assert.equal(result.code, 0, result.stderr);
    const url = new URL(result.stdout.trim());
    assert.equal(url.origin, emulator.url);
    assert.equal(url.searchParams.get('X-Amz-Expires'), '60');
    assert.match(url.searchParams.get('X-Amz-Credential')!, /\/us-east-1\/iam\/aws4_request$/);

    const response = await fetch(url);
    const body = await response.text();
    assert.equal(response.status, 200, body);
    assert.match(body, /<GetUserResponse[\s\S]*<UserName>ana<\/UserName>/);
  });

  it('--output json gives url and expiresAt; a presigned CreateUser with tags works', async () => {
    const params = { UserName: 'presigned', Tags: [{ Key: 'via', Value: 'url' }] };
    const result = await runCli(
      ['presign-action', 'CreateUser', '--params', JSON.stringify(params), '--output', 'json'],
      { env },
    );
    assert.equal(result.code, 0, result.stderr);
    const { url, expiresAt, expiresIn } = JSON.parse(result.stdout);
    assert.equal(expiresIn, 900);
    const lifetime = Date.parse(expiresAt) - Date.now();
    assert.ok(lifetime > 800_000 && lifetime <= 900_000, expiresAt);

    const response = await fetch(url);
    assert.equal(response.status, 200, await response.text());
    const { Tags } = await iam.send('ListUserTags', { UserName: 'presigned' });
    assert.deepEqual(Tags, [{ Key: 'via', Value: 'url' }]);
  });

  it('a missing parameter is refused before signing, exit 2', async () => {
    const result = await runCli(['presign-action', 'DeleteUser'], { env });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^iam-bridge: MissingParameter: .*UserName\n$/);
  });
});
