// The AWS CLI v1, an independent client, run against the emulator: every result is checked
// against what AWS documents for the command. Independent commands run concurrently in small
// batches, since each `aws` start costs most of a second.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import {
  aws,
  call,
  awsServiceErrorExitCode,
  toolUnavailable,
  type AwsResult,
  type Keys,
} from './http-support.js';

const skip = toolUnavailable('aws', ['--version'], 'pip install awscli');
const allowS3 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const commandsRun = new Set<string>();

describe('AWS CLI against the emulator', { skip }, () => {
  let emulator: RunningEmulator;
  let run: (...args: string[]) => Promise<AwsResult>;
  let errorExit: number;
  const aliceKeys: Keys[] = [];
  let policyArn: string;

  before(async () => {
    emulator = await startEmulator({ memory: true });
    errorExit = awsServiceErrorExitCode();
    run = (...args) => {
      commandsRun.add(args.slice(0, 2).join(' '));
      return aws(emulator.url, args);
    };
  });
  after(() => emulator.stop());

  function assertError(result: AwsResult, code: string, operation: string, message: string) {
    assert.equal(result.code, errorExit, result.stderr);
    assert.equal(
      result.stderr.trim(),
      `An error occurred (${code}) when calling the ${operation} operation: ${message}`,
    );
  }

  it('creates users, a group and a policy; answers NoSuchEntity and ValidationError', async () => {
    const [alice, bob, group, policy, missing, badName, identity] = await Promise.all([
      run(
        'iam',
        'create-user',
        '--user-name',
        'alice',
        '--path',
        '/eng/',
        '--tags',
        'Key=team,Value=core',
      ),
      run('iam', 'create-user', '--user-name', 'bob'),
      run('iam', 'create-group', '--group-name', 'devs'),
      run('iam', 'create-policy', '--policy-name', 'read-s3', '--policy-document', allowS3),
      run('iam', 'get-user', '--user-name', 'nobody'),
      run('iam', 'create-user', '--user-name', 'bad name'),
      run('sts', 'get-caller-identity'),
    ]);
    assert.equal(alice.code, 0, alice.stderr);
    assert.equal(alice.json.User.Arn, 'arn:aws:iam::123456789012:user/eng/alice');
    assert.equal(alice.json.User.Path, '/eng/');
    assert.match(alice.json.User.UserId, /^AIDA[A-Z0-9]{17}$/);
    assert.deepEqual(alice.json.User.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.equal(bob.json.User.UserName, 'bob');
    assert.equal(group.json.Group.Arn, 'arn:aws:iam::123456789012:group/devs');
    policyArn = policy.json.Policy.Arn;
    assert.equal(policyArn, 'arn:aws:iam::123456789012:policy/read-s3');
    assert.equal(policy.json.Policy.DefaultVersionId, 'v1');
    assertError(missing, 'NoSuchEntity', 'GetUser', 'The user with name nobody cannot be found.');
    assertError(
      badName,
      'ValidationError',
      'CreateUser',
      "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy " +
        'constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    );
    assert.deepEqual(identity.json, {
      UserId: '123456789012',
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
    });
  });

  it('refuses a name differing only in case, and a malformed policy; links entities', async () => {
    const [clash, key1, key2, malformed, inline, attach, join, tag, login] = await Promise.all([
      run('iam', 'create-user', '--user-name', 'ALICE'),
      run('iam', 'create-access-key', '--user-name', 'alice'),
      run('iam', 'create-access-key', '--user-name', 'alice'),
      run(
        'iam',
        'put-user-policy',
        '--user-name',
        'bob',
        '--policy-name',
        'bad',
        '--policy-document',
        '{"Version": "2012-10-17", "Statement": ',
      ),
      run(
        'iam',
        'put-user-policy',
        '--user-name',
        'alice',
        '--policy-name',
        'inline-s3',
        '--policy-document',
        allowS3,
      ),
      run('iam', 'attach-user-policy', '--user-name', 'bob', '--policy-arn', policyArn),
      run('iam', 'add-user-to-group', '--user-name', 'bob', '--group-name', 'devs'),
      run('iam', 'tag-user', '--user-name', 'bob', '--tags', 'Key=cost,Value=42'),
      run(
        'iam',
        'create-login-profile',
        '--user-name',
        'bob',
        '--password',
        'Secr3t!pass-word',
        '--password-reset-required',
      ),
    ]);
    assertError(clash, 'EntityAlreadyExists', 'CreateUser', 'User with name alice already exists.');
    for (const key of [key1, key2]) {
      assert.equal(key.code, 0, key.stderr);
      assert.equal(key.json.AccessKey.Status, 'Active');
      assert.match(key.json.AccessKey.AccessKeyId, /^AKIA[A-Z0-9]{16}$/);
      assert.equal(key.json.AccessKey.SecretAccessKey.length, 40);
      aliceKeys.push({
        accessKeyId: key.json.AccessKey.AccessKeyId,
        secretAccessKey: key.json.AccessKey.SecretAccessKey,
      });
    }
    assertError(
      malformed,
      'MalformedPolicyDocument',
      'PutUserPolicy',
      'This policy contains invalid Json',
    );
    for (const ok of [inline, attach, join, tag]) assert.equal(ok.code, 0, ok.stderr);
    assert.equal(login.json.LoginProfile.UserName, 'bob');
    assert.equal(login.json.LoginProfile.PasswordResetRequired, true);
  });

  it('reads back what was written; refuses a third key and deleting a user in use', async () => {
    const results = await Promise.all([
      run('iam', 'create-access-key', '--user-name', 'alice'),
      run('iam', 'delete-user', '--user-name', 'bob'),
      run('iam', 'list-access-keys', '--user-name', 'alice'),
      run('iam', 'get-user-policy', '--user-name', 'alice', '--policy-name', 'inline-s3'),
      run('iam', 'list-user-policies', '--user-name', 'alice'),
      run('iam', 'list-attached-user-policies', '--user-name', 'bob'),
      run('iam', 'list-groups-for-user', '--user-name', 'bob'),
      run('iam', 'get-group', '--group-name', 'devs'),
      run('iam', 'list-user-tags', '--user-name', 'bob'),
      run('iam', 'get-login-profile', '--user-name', 'bob'),
      run('iam', 'get-policy', '--policy-arn', policyArn),
    ]);
    const [third, deleteBob, keys, inline, inlineNames, attached, groups, group, tags, login] =
      results;
    assertError(
      third,
      'LimitExceeded',
      'CreateAccessKey',
      'Cannot exceed quota for AccessKeysPerUser: 2',
    );
    assertError(
      deleteBob,
      'DeleteConflict',
      'DeleteUser',
      'Cannot delete entity, must delete login profile first.',
    );
    assert.deepEqual(
      keys!.json.AccessKeyMetadata.map((key: any) => key.AccessKeyId).sort(),
      aliceKeys.map((key) => key.accessKeyId).sort(),
    );
    assert.deepEqual(inline!.json.PolicyDocument, JSON.parse(allowS3));
    assert.deepEqual(inlineNames!.json.PolicyNames, ['inline-s3']);
    assert.deepEqual(attached!.json.AttachedPolicies, [
      { PolicyName: 'read-s3', PolicyArn: policyArn },
    ]);
    assert.deepEqual(
      groups!.json.Groups.map((g: any) => g.GroupName),
      ['devs'],
    );
    assert.deepEqual(
      group!.json.Users.map((u: any) => u.UserName),
      ['bob'],
    );
    assert.deepEqual(tags!.json.Tags, [{ Key: 'cost', Value: '42' }]);
    assert.equal(login!.json.LoginProfile.UserName, 'bob');
    assert.equal(results[10]!.json.Policy.AttachmentCount, 1);
  });

  it("signs with a key it issued, as that key's user", async () => {
    // One after the other, so the key's last use is the STS call.
    const denied = await aws(emulator.url, ['iam', 'list-users'], aliceKeys[0]);
    const identity = await aws(emulator.url, ['sts', 'get-caller-identity'], aliceKeys[0]);
    assert.equal(identity.json.Arn, 'arn:aws:iam::123456789012:user/eng/alice');
    assert.equal(denied.code, errorExit);
    assert.match(denied.stderr, /\(AccessDenied\) when calling the ListUsers operation: User: /);
    const lastUsed = await run(
      'iam',
      'get-access-key-last-used',
      '--access-key-id',
      aliceKeys[0]!.accessKeyId,
    );
    assert.equal(lastUsed.json.UserName, 'alice');
    assert.equal(lastUsed.json.AccessKeyLastUsed.ServiceName, 'sts');
  });

  it('pages with --max-items and --page-size', async () => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    for (const name of names) await call(emulator.url, 'CreateUser', { UserName: name });
    const all = ['alice', 'bob', ...names];

    const first = await run('iam', 'list-users', '--max-items', '3');
    assert.deepEqual(
      first.json.Users.map((u: any) => u.UserName),
      all.slice(0, 3),
    );
    assert.ok(first.json.NextToken, 'a NextToken for the rest');
    const [rest, pages] = await Promise.all([
      run('iam', 'list-users', '--max-items', '3', '--starting-token', first.json.NextToken),
      run('iam', 'list-users', '--page-size', '2'),
    ]);
    assert.deepEqual(
      rest.json.Users.map((u: any) => u.UserName),
      all.slice(3, 6),
    );
    assert.deepEqual(
      pages.json.Users.map((u: any) => u.UserName),
      all,
    );
  });

  it('updates and removes everything, then deletes the users', async () => {
    const [rename, deactivate, detach, leave, noLogin, untag, dropInline] = await Promise.all([
      run('iam', 'update-user', '--user-name', 'p6', '--new-user-name', 'p7'),
      run(
        'iam',
        'update-access-key',
        '--user-name',
        'alice',
        '--access-key-id',
        aliceKeys[1]!.accessKeyId,
        '--status',
        'Inactive',
      ),
      run('iam', 'detach-user-policy', '--user-name', 'bob', '--policy-arn', policyArn),
      run('iam', 'remove-user-from-group', '--user-name', 'bob', '--group-name', 'devs'),
      run('iam', 'delete-login-profile', '--user-name', 'bob'),
      run('iam', 'untag-user', '--user-name', 'bob', '--tag-keys', 'cost'),
      run('iam', 'delete-user-policy', '--user-name', 'alice', '--policy-name', 'inline-s3'),
    ]);
    for (const ok of [rename, deactivate, detach, leave, noLogin, untag, dropInline]) {
      assert.equal(ok.code, 0, ok.stderr);
    }

    const [inactive, deleteKeys, deleteBob, deleteGroup, deletePolicy] = await Promise.all([
      aws(emulator.url, ['sts', 'get-caller-identity'], aliceKeys[1]),
      Promise.all(
        aliceKeys.map((key) =>
          run(
            'iam',
            'delete-access-key',
            '--user-name',
            'alice',
            '--access-key-id',
            key.accessKeyId,
          ),
        ),
      ),
      run('iam', 'delete-user', '--user-name', 'bob'),
      run('iam', 'delete-group', '--group-name', 'devs'),
      run('iam', 'delete-policy', '--policy-arn', policyArn),
    ]);
    assert.match(inactive.stderr, /\(InvalidClientTokenId\)/);
    for (const ok of [...deleteKeys, deleteBob, deleteGroup, deletePolicy]) {
      assert.equal(ok.code, 0, ok.stderr);
    }

    const users = await run('iam', 'list-users', '--path-prefix', '/');
    assert.deepEqual(
      users.json.Users.map((u: any) => u.UserName),
      ['alice', 'p1', 'p2', 'p3', 'p4', 'p5', 'p7'],
    );
    const deleted = await run('iam', 'delete-user', '--user-name', 'alice');
    assert.equal(deleted.code, 0, deleted.stderr);
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5', 'p7']) {
      assert.equal((await call(emulator.url, 'DeleteUser', { UserName: name })).status, 200);
    }
    const gone = await run('iam', 'get-group', '--group-name', 'devs');
    assertError(gone, 'NoSuchEntity', 'GetGroup', 'The group with name devs cannot be found.');
  });

  it('ran at least 25 different commands', () => {
    assert.ok(commandsRun.size >= 25, `${commandsRun.size}: ${[...commandsRun].join(', ')}`);
  });
});
