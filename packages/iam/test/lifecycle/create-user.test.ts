import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../../src/lifecycle/create-user.js';
import type { IamCaller } from '../../src/lifecycle/iam-caller.js';
import { LifecycleError } from '../../src/lifecycle/lifecycle-error.js';
import type { UserSpec } from '../../src/lifecycle/user-spec.js';
import { failingAt } from './support/failing-caller.js';
import { motoSkip, startEmulatorTarget, startMotoTarget, type Target } from './support/targets.js';
import { allowAllDocument, createPolicy } from './support/fully-loaded-user.js';

// moto 5 accepts ARNs of policies that do not exist and any password.
const checksPolicyArns = (target: Target) => target.full;
const checksPasswords = (target: Target) => target.full;

const policyArns = new WeakMap<IamCaller, string>();
const policyArnOf = (caller: IamCaller) => policyArns.get(caller) ?? '';

async function assertNoTrace(caller: IamCaller, userName: string, groupName: string) {
  await assert.rejects(caller.send('GetUser', { UserName: userName }), { code: 'NoSuchEntity' });
  const group = await caller.send('GetGroup', { GroupName: groupName });
  assert.ok(!group.Users.some((user) => user.UserName === userName));
  const attached = await caller.send('ListEntitiesForPolicy', { PolicyArn: policyArnOf(caller) });
  assert.ok(!(attached.PolicyUsers ?? []).some((user) => user.UserName === userName));
}

function createUserSuite(name: string, start: () => Promise<Target>) {
  describe(`createUser against ${name}`, () => {
    let target: Target;
    let caller: IamCaller;
    let policyArn: string;
    const groupName = 'developers';
    const spec = (userName: string, extra: Partial<UserSpec> = {}): UserSpec => ({
      userName,
      path: '/staff/',
      tags: { team: 'ops' },
      groups: [groupName],
      managedPolicies: [policyArn],
      inlinePolicies: { inline: allowAllDocument },
      loginProfile: {},
      accessKey: true,
      ...extra,
    });

    before(async () => {
      target = await start();
      caller = target.caller;
      await caller.send('CreateGroup', { GroupName: groupName });
      policyArn = await createPolicy(caller, 'read-objects');
      policyArns.set(caller, policyArn);
    });
    after(() => target.stop());

    test('creates every part of the spec and returns the secrets once', async () => {
      const result = await createUser(caller, spec('ana'));
      assert.equal(result.status, 'created');
      assert.deepEqual(result.steps, [
        'CreateUser',
        `AddUserToGroup ${groupName}`,
        `AttachUserPolicy ${policyArn}`,
        'PutUserPolicy inline',
        'CreateLoginProfile',
        'CreateAccessKey',
      ]);
      assert.ok(result.password && result.password.length >= 20);
      assert.match(result.accessKey?.secretAccessKey ?? '', /.{20,}/);
      const { User } = await caller.send('GetUser', { UserName: 'ana' });
      assert.equal(User.Path, '/staff/');
      const profile = await caller.send('GetLoginProfile', { UserName: 'ana' });
      // moto keeps no PasswordResetRequired flag.
      if (checksPasswords(target)) assert.equal(profile.LoginProfile.PasswordResetRequired, true);
    });

    test('the same spec again is reported as existing, without secrets', async () => {
      const result = await createUser(caller, spec('ana'));
      assert.equal(result.status, 'exists');
      assert.equal(result.password, undefined);
      assert.equal(result.accessKey, undefined);
    });

    test('a different spec for an existing user is a conflict naming the differences', async () => {
      const error = await createUser(caller, spec('ana', { path: '/other/', groups: [] })).catch(
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof LifecycleError);
      assert.equal(error.code, 'EntityAlreadyExists');
      assert.ok(error.differences.some((line) => line.startsWith('path:')));
      assert.ok(error.differences.some((line) => line.includes(`unexpected ${groupName}`)));
    });

    const failures: Array<[string, (userName: string) => Promise<unknown>, boolean?]> = [
      [
        'a group that does not exist',
        (u) => createUser(caller, spec(u, { groups: [groupName, 'nope'] })),
      ],
      [
        'a policy ARN that does not exist',
        (u) =>
          createUser(
            caller,
            spec(u, { managedPolicies: ['arn:aws:iam::123456789012:policy/nope'] }),
          ),
        true,
      ],
      [
        'an injected failure of PutUserPolicy',
        (u) => createUser(failingAt(caller, 'PutUserPolicy'), spec(u)),
      ],
      [
        'an injected failure of CreateLoginProfile',
        (u) => createUser(failingAt(caller, 'CreateLoginProfile'), spec(u)),
      ],
      [
        'an injected failure of CreateAccessKey',
        (u) => createUser(failingAt(caller, 'CreateAccessKey'), spec(u)),
      ],
    ];
    failures.forEach(([label, run, needsPolicyCheck], index) => {
      test(`${label} rolls everything back and names the step`, async (t) => {
        if (needsPolicyCheck && !checksPolicyArns(target)) return t.skip('server accepts any ARN');
        const userName = `failing-${index}`;
        const error = await run(userName).catch((caught: unknown) => caught);
        assert.ok(error instanceof LifecycleError, String(error));
        assert.equal(error.code, 'CreateFailed');
        assert.ok(error.step);
        assert.equal(error.rollbackFailures.length, 0);
        assert.equal(error.rolledBack.at(-1), 'CreateUser');
        assert.ok(error.cause);
        await assertNoTrace(caller, userName, groupName);
      });
    });

    test('a password the policy refuses fails at CreateLoginProfile, no trace left', async (t) => {
      if (!checksPasswords(target)) return t.skip('server accepts any password');
      await caller.send('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 30 });
      try {
        const error = await createUser(
          caller,
          spec('weak', { loginProfile: { password: 'short-Pa55!' } }),
        ).catch((caught: unknown) => caught);
        assert.ok(error instanceof LifecycleError);
        assert.equal(error.step, 'CreateLoginProfile');
        assert.doesNotMatch(error.message, /short-Pa55/);
        await assertNoTrace(caller, 'weak', groupName);

        const generated = await createUser(caller, { userName: 'strong', loginProfile: true });
        assert.ok((generated.password ?? '').length >= 30);
      } finally {
        await caller.send('DeleteAccountPasswordPolicy', {});
      }
    });

    test('dryRun plans the steps and creates nothing', async () => {
      const result = await createUser(caller, spec('planned'), { dryRun: true });
      assert.equal(result.status, 'planned');
      assert.equal(result.steps[0], 'CreateUser');
      await assertNoTrace(caller, 'planned', groupName);
    });

    test('an invalid spec is refused before any call', async () => {
      await assert.rejects(createUser(caller, { userName: 'bad name!', path: 'nope' }), {
        code: 'InvalidUserSpec',
      });
    });
  });
}

createUserSuite('the emulator', () => startEmulatorTarget());

describe('moto', { skip: motoSkip() }, () => {
  createUserSuite('moto_server', () => startMotoTarget());
});

test('rollback waits out a login profile that refuses deletes for a while', async () => {
  const target = await startEmulatorTarget({ loginProfileUnmodifiableMs: 500 });
  try {
    const failing = failingAt(target.caller, 'CreateAccessKey');
    const spec: UserSpec = { userName: 'slow', loginProfile: true, accessKey: true };
    const error = await createUser(failing, spec).catch((caught: unknown) => caught);
    assert.ok(error instanceof LifecycleError);
    assert.deepEqual(error.rolledBack, ['CreateLoginProfile', 'CreateUser']);
    await assert.rejects(target.caller.send('GetUser', { UserName: 'slow' }), {
      code: 'NoSuchEntity',
    });
  } finally {
    await target.stop();
  }
});
