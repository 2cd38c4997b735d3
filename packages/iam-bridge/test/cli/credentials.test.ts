import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CliError } from '../../src/cli/cli-error.js';
import { resolveCliCredentials } from '../../src/cli/credentials.js';
import { parseIni } from '../../src/cli/shared-config-files.js';

const home = mkdtempSync(join(tmpdir(), 'iam-bridge-credentials-'));
writeFileSync(
  join(home, 'creds'),
  '[default]\naws_access_key_id=AKIDFILE\naws_secret_access_key=sf\n',
);
writeFileSync(
  join(home, 'config'),
  '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n' +
    '[profile cfg]\naws_access_key_id = AKIDCFG\naws_secret_access_key = sc # a comment\n',
);
const files = {
  HOME: home,
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'creds'),
  AWS_CONFIG_FILE: '~/config',
};
const envKeys = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'se' };

function missing(run: () => unknown, message: RegExp): void {
  assert.throws(
    run,
    (e: unknown) =>
      e instanceof CliError && e.code === 'MissingCredentials' && message.test(e.message),
  );
}

describe('resolveCliCredentials', () => {
  it('takes flags, then an explicit --profile, then the environment, then AWS_PROFILE', () => {
    const flags = { accessKeyId: 'AKIDFLAG', secretAccessKey: 'sx', sessionToken: 't' };
    assert.deepEqual(resolveCliCredentials(flags, { ...files, ...envKeys }), {
      ...{ accessKeyId: 'AKIDFLAG', secretAccessKey: 'sx', sessionToken: 't' },
      source: 'flags',
    });
    const env = { ...files, ...envKeys, AWS_SESSION_TOKEN: 'et', AWS_PROFILE: 'cfg' };
    assert.equal(resolveCliCredentials({ profile: 'cfg' }, env).accessKeyId, 'AKIDCFG');
    assert.equal(resolveCliCredentials({}, env).sessionToken, 'et');
    assert.equal(resolveCliCredentials({}, { ...files, AWS_PROFILE: 'cfg' }).source, 'profile cfg');
    assert.equal(resolveCliCredentials({}, files).accessKeyId, 'AKIDFILE');
  });

  it('strips inline comments and expands ~ in AWS_CONFIG_FILE', () => {
    assert.equal(resolveCliCredentials({ profile: 'cfg' }, files).secretAccessKey, 'sc');
  });

  it('names what is missing', () => {
    missing(() => resolveCliCredentials({}, { HOME: join(home, 'nowhere') }), /no credentials/);
    missing(() => resolveCliCredentials({ profile: 'x' }, files), /profile "x" is not in/);
    missing(() => resolveCliCredentials({ profile: 'role' }, files), /uses role_arn/);
    missing(() => resolveCliCredentials({ secretAccessKey: 's' }, files), /together/);
    missing(() => resolveCliCredentials({ sessionToken: 't' }, files), /--session-token needs/);
  });
});

describe('parseIni', () => {
  it('reads sections and keys, skipping comments and nested blocks', () => {
    const ini = parseIni(
      '# top\n[default]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 4\n; c\n' +
        '[ profile x ]\nKey=Value=2\n',
    );
    assert.deepEqual(
      [...ini.get('default')!],
      [
        ['region', 'eu-west-1'],
        ['s3', ''],
      ],
    );
    assert.deepEqual([...ini.get('profile x')!], [['key', 'Value=2']]);
  });
});
