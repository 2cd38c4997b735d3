// How `call` and `presign-action` read an action's input, without spawning the CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readActionInput } from '../../src/cli/action-input.js';
import { CliError } from '../../src/cli/cli-error.js';
import { plainValue } from '../../src/plain-value.js';

function refused(run: () => unknown, code: string, message: RegExp): void {
  assert.throws(
    run,
    (e: unknown) =>
      e instanceof CliError && e.code === code && e.exitCode === 2 && message.test(e.message),
  );
}

describe('readActionInput', () => {
  it('converts Query-form pairs to the typed input, values split at the first =', () => {
    const { input } = readActionInput(
      'CreateUser',
      ['UserName=ana', 'Tags.member.1.Key=k', 'Tags.member.1.Value=a=b'],
      {},
    );
    assert.deepEqual(input, { UserName: 'ana', Tags: [{ Key: 'k', Value: 'a=b' }] });
    const typed = readActionInput('ListUsers', ['MaxItems=5'], {}).input;
    assert.deepEqual(typed, { MaxItems: 5 });
  });

  it('merges pairs with --params or --params-file JSON, and reads STS actions', () => {
    const params = JSON.stringify({ Tags: [{ Key: 'k', Value: 'v' }] });
    assert.deepEqual(readActionInput('TagUser', ['UserName=ana'], { params }).input, {
      UserName: 'ana',
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    const file = join(mkdtempSync(join(tmpdir(), 'iam-bridge-call-input-')), 'params.json');
    writeFileSync(file, '{"RoleArn":"arn:aws:iam::123456789012:role/r","RoleSessionName":"s"}');
    const sts = readActionInput('AssumeRole', [], { paramsFile: file, service: 'sts' });
    assert.equal(sts.service, 'sts');
    assert.equal(sts.input.RoleSessionName, 's');
  });

  it('refuses what would not be sent as meant', () => {
    refused(() => readActionInput('GetUsr', [], {}), 'UnknownOperation', /"GetUsr"/);
    refused(() => readActionInput('GetCallerIdentity', [], {}), 'UnknownOperation', /IAM/);
    refused(() => readActionInput('CreateUser', [], {}), 'MissingParameter', /UserName/);
    refused(() => readActionInput('CreateUser', ['UserNme=a'], {}), 'UnknownParameter', /UserNme/);
    refused(
      () =>
        readActionInput(
          'CreateUser',
          ['UserName=a', 'Tags.member.2.Key=k', 'Tags.member.2.Value=v'],
          {},
        ),
      'UnknownParameter',
      /Tags\.member\.2\.Key \(list positions count from 1/,
    );
    refused(() => readActionInput('ListUsers', ['MaxItems=many'], {}), 'ValidationError', /integ/);
    refused(() => readActionInput('ListUsers', ['MaxItems'], {}), 'UsageError', /Name=Value/);
    refused(
      () => readActionInput('GetUser', ['UserName=a'], { params: '{"UserName":"b"}' }),
      'InvalidParams',
      /both/,
    );
    refused(() => readActionInput('GetUser', [], { params: '[1]' }), 'InvalidParams', /object/);
    refused(() => readActionInput('GetUser', [], { params: '{' }), 'InvalidParams', /not JSON/);
    refused(
      () => readActionInput('GetUser', [], { service: 'ec2' as 'iam' }),
      'UsageError',
      /iam or sts/,
    );
  });
});

describe('plainValue', () => {
  it('shows dates as ISO 8601 and bytes as base64, as the JSON output does', () => {
    const value = { CreateDate: new Date(0), Blob: new Uint8Array([1, 2, 3]), List: [1] };
    assert.deepEqual(plainValue(value), {
      CreateDate: '1970-01-01T00:00:00.000Z',
      Blob: 'AQID',
      List: [1],
    });
  });
});
