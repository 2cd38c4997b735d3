import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '../../src/client/iam-client.js';
import { defaultCredentialProvider } from '../../src/credentials/default-chain.js';
import { fromEnv } from '../../src/credentials/env-provider.js';
import { memoizeProvider } from '../../src/credentials/memoize.js';
import { fromProfile } from '../../src/credentials/profile-provider.js';
import { loadSharedConfig } from '../../src/credentials/shared-config.js';
import type { IamError } from '../../src/errors.js';
import { resultXml, startScriptedServer } from '../transport/scripted-server.js';
import type { ScriptedServer } from '../transport/scripted-server.js';

const SOURCE_SECRET = 'source-secret-do-not-print';
let dir: string;

function filesEnv(config: string, credentials: string, extra: Record<string, string> = {}) {
  const configFile = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  const credentialsFile = join(dir, `credentials-${Math.random().toString(36).slice(2)}`);
  writeFileSync(configFile, config);
  writeFileSync(credentialsFile, credentials);
  return { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, ...extra };
}

function assumeRoleXml(accessKeyId: string, expiration: Date): string {
  return resultXml(
    'AssumeRole',
    `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId>` +
      `<SecretAccessKey>assumed-secret</SecretAccessKey>` +
      `<SessionToken>assumed-token</SessionToken>` +
      `<Expiration>${expiration.toISOString()}</Expiration></Credentials>` +
      `<AssumedRoleUser><AssumedRoleId>AROA1:s</AssumedRoleId>` +
      `<Arn>arn:aws:sts::123456789012:assumed-role/admin/s</Arn></AssumedRoleUser>`,
    'https://sts.amazonaws.com/doc/2011-06-15/',
  );
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'iam-bridge-credentials-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('environment credentials', () => {
  it('reads the key, secret and session token', async () => {
    const credentials = await fromEnv({
      env: { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' },
    })();
    assert.deepEqual(credentials, {
      accessKeyId: 'AKIDENV',
      secretAccessKey: 's',
      sessionToken: 't',
      source: 'environment',
    });
  });

  it('win over the profile files in the default chain', async () => {
    const env = filesEnv(
      '',
      '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n',
      {
        AWS_ACCESS_KEY_ID: 'AKIDENV',
        AWS_SECRET_ACCESS_KEY: 'e',
      },
    );
    assert.equal((await defaultCredentialProvider({ env })()).accessKeyId, 'AKIDENV');
    assert.equal(
      (await defaultCredentialProvider({ env, profile: 'default' })()).accessKeyId,
      'AKIDFILE',
    );
  });
});

describe('profile files', () => {
  it('merges [profile x] in config with [x] in credentials, credentials winning', async () => {
    const env = filesEnv(
      '[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n' +
        'aws_access_key_id = AKIDCONFIG\n[dev2]\naws_access_key_id = IGNORED\n',
      '[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = d\naws_session_token = tok\n',
    );
    const config = await loadSharedConfig({ env });
    assert.equal(config.profiles.dev.region, 'eu-west-1');
    assert.equal(config.profiles.dev.aws_access_key_id, 'AKIDDEV');
    assert.equal(config.profiles.dev2, undefined);

    const credentials = await fromProfile({ env: { ...env, AWS_PROFILE: 'dev' } })();
    assert.equal(credentials.accessKeyId, 'AKIDDEV');
    assert.equal(credentials.sessionToken, 'tok');
    assert.equal(credentials.source, 'profile dev');
  });

  it('runs credential_process and reads its JSON', async () => {
    const script = join(dir, 'creds.mjs');
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    writeFileSync(
      script,
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROC', ` +
        `SecretAccessKey: 'p', SessionToken: 'pt', Expiration: '${expiration}' }));`,
    );
    const env = filesEnv(
      `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n`,
      '',
    );
    const credentials = await fromProfile({ env, profile: 'proc' })();
    assert.equal(credentials.accessKeyId, 'AKIDPROC');
    assert.equal(credentials.expiration?.toISOString(), expiration);

    const failing = filesEnv(
      `[profile bad]\ncredential_process = "${process.execPath}" -e "process.exit(3)"\n`,
      '',
    );
    await assert.rejects(fromProfile({ env: failing, profile: 'bad' })(), {
      code: 'CredentialProcessFailed',
      message: 'profile bad credential_process exited with code 3',
    });
  });

  it('names every source tried when none has credentials', async () => {
    const env = filesEnv('[profile other]\nregion = eu-west-1\n', '');
    await assert.rejects(defaultCredentialProvider({ env })(), (error: IamError) => {
      assert.equal(error.code, 'CredentialsNotFound');
      assert.match(error.message, /credentials option: not given/);
      assert.match(error.message, /environment: AWS_ACCESS_KEY_ID is not set/);
      assert.match(error.message, /profile default is not in .*config.* or .*credentials/);
      return true;
    });

    const noKeys = filesEnv('[profile empty]\nregion = eu-west-1\n', '');
    await assert.rejects(defaultCredentialProvider({ env: noKeys, profile: 'empty' })(), {
      code: 'CredentialsNotFound',
      message: /skipped, profile empty was asked for.*profile empty has no aws_access_key_id/,
    });
  });

  it('refuses a source_profile loop and half a key pair, without quoting secrets', async () => {
    const loop = filesEnv(
      '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n' +
        '[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n',
      '',
    );
    await assert.rejects(fromProfile({ env: loop, profile: 'a' })(), {
      code: 'InvalidConfigFile',
      message: 'source_profile loop: a -> b -> a',
    });

    const half = filesEnv('', `[half]\naws_secret_access_key = ${SOURCE_SECRET}\n`);
    await assert.rejects(fromProfile({ env: half, profile: 'half' })(), (error: IamError) => {
      assert.equal(error.message, 'profile half has no aws_access_key_id');
      return !error.message.includes(SOURCE_SECRET);
    });
  });
});

describe('role_arn with source_profile', () => {
  let sts: ScriptedServer;
  before(async () => {
    sts = await startScriptedServer({ secrets: { AKIDSOURCE: SOURCE_SECRET } });
  });
  after(() => sts.close());

  const roleFiles = () =>
    filesEnv(
      '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n' +
        'source_profile = base\nrole_session_name = deploy\nexternal_id = ext-123\n' +
        'duration_seconds = 1800\nregion = eu-west-1\n',
      `[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = ${SOURCE_SECRET}\n`,
      { AWS_ENDPOINT_URL_STS: sts.url },
    );

  it('assumes the role through STS with the source keys and caches the result', async () => {
    const start = sts.requests.length;
    sts.script({ body: assumeRoleXml('ASIAASSUMED', new Date(Date.now() + 3_600_000)) });
    const provider = fromProfile({ env: roleFiles(), profile: 'admin' });
    const credentials = await provider();

    assert.deepEqual(
      { ...credentials, expiration: undefined },
      {
        accessKeyId: 'ASIAASSUMED',
        secretAccessKey: 'assumed-secret',
        sessionToken: 'assumed-token',
        source: 'profile admin role_arn',
        expiration: undefined,
      },
    );
    const request = sts.requests[start];
    assert.deepEqual(request.verified, { ok: true });
    assert.match(String(request.headers.authorization), /AKIDSOURCE\/\d{8}\/eu-west-1\/sts\//);
    assert.equal(request.params.get('Action'), 'AssumeRole');
    assert.equal(request.params.get('RoleArn'), 'arn:aws:iam::123456789012:role/admin');
    assert.equal(request.params.get('RoleSessionName'), 'deploy');
    assert.equal(request.params.get('ExternalId'), 'ext-123');
    assert.equal(request.params.get('DurationSeconds'), '1800');

    await provider();
    assert.equal(sts.requests.length, start + 1);
  });

  it('signs IAM calls with the assumed credentials and session token', async () => {
    sts.script({ body: assumeRoleXml('ASIAFORIAM', new Date(Date.now() + 3_600_000)) });
    const iamServer = await startScriptedServer({
      secrets: { ASIAFORIAM: { secretAccessKey: 'assumed-secret', sessionToken: 'assumed-token' } },
    });
    try {
      iamServer.script({
        body: resultXml('ListUsers', '<Users/><IsTruncated>false</IsTruncated>'),
      });
      const iam = new IamClient({ profile: 'admin', endpoint: iamServer.url, env: roleFiles() });
      await iam.send('ListUsers');
      const request = iamServer.requests[0];
      assert.deepEqual(request.verified, { ok: true });
      assert.equal(request.headers['x-amz-security-token'], 'assumed-token');
    } finally {
      await iamServer.close();
    }
  });

  it('assumes again once the credentials come near expiry', async () => {
    const start = sts.requests.length;
    sts.script(
      { body: assumeRoleXml('ASIASHORT', new Date(Date.now() + 60_000)) },
      { body: assumeRoleXml('ASIANEXT', new Date(Date.now() + 3_600_000)) },
    );
    const provider = fromProfile({ env: roleFiles(), profile: 'admin' });
    assert.equal((await provider()).accessKeyId, 'ASIASHORT');
    assert.equal((await provider()).accessKeyId, 'ASIANEXT');
    assert.equal(sts.requests.length, start + 2);
  });

  it('passes STS refusals through without the source secret', async () => {
    sts.script({
      status: 403,
      body:
        '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
        '<Message>not allowed</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    });
    await assert.rejects(
      defaultCredentialProvider({ env: roleFiles(), profile: 'admin' })(),
      (error: IamError) => error.code === 'AccessDenied' && !error.message.includes(SOURCE_SECRET),
    );
  });
});

describe('memoizeProvider', () => {
  it('shares one pending call and does not cache failures', async () => {
    let calls = 0;
    const provider = memoizeProvider(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first fails');
      return { accessKeyId: 'A', secretAccessKey: 'B' };
    });
    await assert.rejects(provider(), /first fails/);
    const [one, two] = await Promise.all([provider(), provider()]);
    assert.equal(one, two);
    assert.equal(calls, 2);
  });
});
