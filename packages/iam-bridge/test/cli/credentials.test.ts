import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CliError } from '../../src/cli/cli-error.js';
import { resolveCliCredentials } from '../../src/cli/credentials.js';
import { readProfile } from '../../src/cli/shared-config-files.js';

const home = mkdtempSync(join(tmpdir(), 'iam-bridge-credentials-'));
const processOutput = JSON.stringify({
  Version: 1,
  AccessKeyId: 'AKIDPROCESS',
  SecretAccessKey: 'sp',
});
writeFileSync(
  join(home, 'creds'),
  '[default]\naws_access_key_id=AKIDFILE\naws_secret_access_key=sf\n',
);
writeFileSync(
  join(home, 'config'),
  '[profile sso]\nsso_session = corp\n' +
    '[profile cfg]\naws_access_key_id = AKIDCFG\naws_secret_access_key = sc # a comment\n' +
    'region = eu-west-1\n' +
    `[profile proc]\ncredential_process = ${JSON.stringify(process.execPath)} -e ` +
    `"process.stdout.write(process.argv[1])" ${JSON.stringify(processOutput)}\n`,
);
writeFileSync(join(home, 'broken'), 'aws_access_key_id = outside any section\n');
const files = {
  HOME: home,
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'creds'),
  AWS_CONFIG_FILE: '~/config',
};
const envKeys = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'se' };

async function refused(run: () => Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(
    run,
    (e: unknown) =>
      e instanceof CliError && e.code === code && e.exitCode === 2 && message.test(e.message),
  );
}

describe('resolveCliCredentials', () => {
  it('takes flags, then an explicit --profile, then the environment, then AWS_PROFILE', async () => {
    const flags = { accessKeyId: 'AKIDFLAG', secretAccessKey: 'sx', sessionToken: 't' };
    assert.deepEqual(await resolveCliCredentials(flags, { ...files, ...envKeys }), {
      ...{ accessKeyId: 'AKIDFLAG', secretAccessKey: 'sx', sessionToken: 't' },
      source: 'flags',
    });
    const env = { ...files, ...envKeys, AWS_SESSION_TOKEN: 'et', AWS_PROFILE: 'cfg' };
    assert.equal((await resolveCliCredentials({ profile: 'cfg' }, env)).accessKeyId, 'AKIDCFG');
    assert.equal((await resolveCliCredentials({}, env)).sessionToken, 'et');
    const named = await resolveCliCredentials({}, { ...files, AWS_PROFILE: 'cfg' });
    assert.equal(named.source, 'profile cfg');
    assert.equal((await resolveCliCredentials({}, files)).accessKeyId, 'AKIDFILE');
  });

  it('strips inline comments and expands ~ in AWS_CONFIG_FILE', async () => {
    assert.equal((await resolveCliCredentials({ profile: 'cfg' }, files)).secretAccessKey, 'sc');
    assert.equal((await readProfile('cfg', files))?.region, 'eu-west-1');
  });

  it('runs a profile credential_process through the shared chain', async () => {
    const credentials = await resolveCliCredentials({ profile: 'proc' }, files);
    assert.equal(credentials.accessKeyId, 'AKIDPROCESS');
    assert.equal(credentials.secretAccessKey, 'sp');
  });

  it('names what is missing or unusable, exit 2', async () => {
    const nowhere = { HOME: join(home, 'nowhere') };
    await refused(() => resolveCliCredentials({}, nowhere), 'MissingCredentials', /AWS_ACCESS/);
    await refused(
      () => resolveCliCredentials({ profile: 'x' }, files),
      'MissingCredentials',
      /profile x is not in/,
    );
    await refused(
      () => resolveCliCredentials({ profile: 'sso' }, files),
      'UnsupportedCredentialSource',
      /SSO/,
    );
    await refused(
      () => resolveCliCredentials({}, { ...files, AWS_CONFIG_FILE: join(home, 'broken') }),
      'InvalidConfigFile',
      /broken line 1/,
    );
    await refused(
      () => resolveCliCredentials({ secretAccessKey: 's' }, files),
      'MissingCredentials',
      /together/,
    );
    await refused(
      () => resolveCliCredentials({ sessionToken: 't' }, files),
      'MissingCredentials',
      /--session-token needs/,
    );
  });
});
