import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  emulatorActions as a,
  fixedClock,
  invokeAction,
  isAllowed,
  lookupCredentials,
  openStore,
  rootContext,
  userContext,
} from '../../src/emulator/index.js';
import { allowAll, assertEmulatorError, setup, temporaryDirectory } from './helpers.js';

describe('paging', () => {
  it('walks ListUsers to the end with MaxItems and Marker, no duplicates, no misses', () => {
    const { store, root } = setup();
    const names = Array.from({ length: 23 }, (_, index) => `user${String(index).padStart(2, '0')}`);
    for (const name of [...names].reverse()) a.CreateUser(store, { UserName: name }, root);

    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const result = a.ListUsers(
        store,
        { MaxItems: 5, ...(marker ? { Marker: marker } : {}) },
        root,
      );
      seen.push(...result.Users.map((user: any) => user.UserName));
      marker = result.IsTruncated ? result.Marker : undefined;
      if (result.IsTruncated) assert.ok(result.Marker);
      pages++;
    } while (marker);

    assert.equal(pages, 5);
    assert.deepEqual(seen, names);
  });

  it('sorts by name without regard to case and defaults to 100 items', () => {
    const { store, root } = setup();
    for (const name of ['bob', 'Alice', 'carol']) a.CreateUser(store, { UserName: name }, root);
    const result = a.ListUsers(store, {}, root);
    assert.deepEqual(
      result.Users.map((user: any) => user.UserName),
      ['Alice', 'bob', 'carol'],
    );
    assert.equal(result.IsTruncated, false);
    assert.equal(result.Marker, undefined);
  });
});

describe('identity policy evaluation', () => {
  function withBob(statements: object[]) {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'bob' }, root);
    const document = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    a.PutUserPolicy(store, { UserName: 'bob', PolicyName: 'p', PolicyDocument: document }, root);
    const bob = userContext(store, 'bob');
    return { store, root, bob };
  }
  const alice = 'arn:aws:iam::123456789012:user/alice';

  it('denies by default with AWS wording', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'bob' }, root);
    const bob = userContext(store, 'bob');
    assertEmulatorError(
      () => invokeAction(store, 'CreateUser', { UserName: 'alice' }, bob),
      'AccessDenied',
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateUser ' +
        'on resource: arn:aws:iam::123456789012:user/alice because no identity-based policy ' +
        'allows the iam:CreateUser action',
      403,
    );
  });

  it('allows with a matching wildcard action, case-insensitively', () => {
    const { store, bob } = withBob([{ Effect: 'Allow', Action: 'IAM:create*', Resource: '*' }]);
    assert.equal(isAllowed(store, bob.caller, 'iam:CreateUser', alice), true);
    assert.equal(isAllowed(store, bob.caller, 'iam:DeleteUser', alice), false);
    invokeAction(store, 'CreateUser', { UserName: 'alice' }, bob);
  });

  it('lets an explicit Deny win over an Allow', () => {
    const { store, bob } = withBob([
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:CreateUser', Resource: 'arn:aws:iam::*:user/ali?e' },
    ]);
    assert.equal(isAllowed(store, bob.caller, 'iam:CreateUser', alice), false);
    assert.equal(isAllowed(store, bob.caller, 'iam:CreateUser', `${alice}x`), true);
    assertEmulatorError(
      () => invokeAction(store, 'CreateUser', { UserName: 'alice' }, bob),
      'AccessDenied',
      /with an explicit deny in an identity-based policy$/,
    );
  });

  it('applies NotAction and NotResource', () => {
    const { store, bob } = withBob([
      { Effect: 'Allow', NotAction: 'iam:Delete*', NotResource: 'arn:aws:iam::*:user/admin' },
    ]);
    assert.equal(isAllowed(store, bob.caller, 'iam:CreateUser', alice), true);
    assert.equal(isAllowed(store, bob.caller, 'iam:DeleteUser', alice), false);
    assert.equal(
      isAllowed(store, bob.caller, 'iam:CreateUser', 'arn:aws:iam::123456789012:user/admin'),
      false,
    );
  });

  it('counts group policies and the ${aws:username} variable; a boundary limits', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'bob' }, root);
    a.CreateGroup(store, { GroupName: 'g' }, root);
    a.AddUserToGroup(store, { GroupName: 'g', UserName: 'bob' }, root);
    a.AttachGroupPolicy(
      store,
      { GroupName: 'g', PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword' },
      root,
    );
    const bob = userContext(store, 'bob').caller;
    const own = 'arn:aws:iam::123456789012:user/bob';
    assert.equal(isAllowed(store, bob, 'iam:ChangePassword', own), true);
    assert.equal(isAllowed(store, bob, 'iam:ChangePassword', alice), false);

    a.PutUserPolicy(store, { UserName: 'bob', PolicyName: 'all', PolicyDocument: allowAll }, root);
    a.PutUserPermissionsBoundary(
      store,
      { UserName: 'bob', PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' },
      root,
    );
    assert.equal(isAllowed(store, bob, 'iam:ListUsers', '*'), true);
    assert.equal(isAllowed(store, bob, 'iam:CreateUser', alice), false);
  });
});

describe('persistence and transactions', () => {
  it('keeps state across close and reopen of a file store', () => {
    const { dir, cleanup } = temporaryDirectory();
    try {
      const file = join(dir, 'iam.sqlite');
      const first = openStore({ file });
      const root = rootContext(first);
      a.CreateUser(first, { UserName: 'alice', Tags: [{ Key: 'team', Value: 'x' }] }, root);
      const key = a.CreateAccessKey(first, { UserName: 'alice' }, root).AccessKey;
      first.close();

      const second = openStore({ file });
      const user = a.GetUser(second, { UserName: 'alice' }, rootContext(second)).User;
      assert.deepEqual(user.Tags, [{ Key: 'team', Value: 'x' }]);
      assert.equal(
        lookupCredentials(second, key.AccessKeyId)?.secretAccessKey,
        key.SecretAccessKey,
      );
      assert.equal(second.db.pragma('journal_mode', { simple: true }), 'wal');
      second.close();
    } finally {
      cleanup();
    }
  });

  it('leaves nothing behind when an action fails part way', () => {
    const { store, root } = setup();
    assertEmulatorError(
      () =>
        a.CreateUser(
          store,
          { UserName: 'alice', PermissionsBoundary: 'arn:aws:iam::123456789012:policy/none' },
          root,
        ),
      'NoSuchEntity',
    );
    const failing = (store2: typeof store) =>
      store2.transaction(() => {
        a.CreateUser(store2, { UserName: 'carol' }, root);
        throw new Error('crash after the write');
      });
    assert.throws(() => failing(store), /crash/);
    assert.equal(a.ListUsers(store, {}, root).Users.length, 0);
  });
});

describe('credentials and switches', () => {
  it('serves the root credentials and delays new keys when asked', () => {
    const store = openStore({ switches: { newAccessKeyDelayMs: 5000 } });
    const now = new Date('2024-05-01T12:00:00Z');
    const root = rootContext(store, { now: fixedClock(now) });
    assert.deepEqual(lookupCredentials(store, 'AKIAIOSFODNN7EXAMPLE', now)?.principal, {
      kind: 'root',
    });

    a.CreateUser(store, { UserName: 'alice' }, root);
    const key = a.CreateAccessKey(store, { UserName: 'alice' }, root).AccessKey;
    assert.equal(lookupCredentials(store, key.AccessKeyId, now), undefined);
    const later = new Date(now.getTime() + 5000);
    assert.equal(lookupCredentials(store, key.AccessKeyId, later)?.principal.kind, 'user');

    a.UpdateAccessKey(
      store,
      { UserName: 'alice', AccessKeyId: key.AccessKeyId, Status: 'Inactive' },
      root,
    );
    assert.equal(lookupCredentials(store, key.AccessKeyId, later), undefined);
  });

  it('injects Throttling at the configured rate, repeatably', () => {
    const run = () => {
      const store = openStore({ switches: { throttlingRate: 0.5, randomSeed: 9 } });
      const root = rootContext(store);
      return Array.from({ length: 40 }, () => {
        try {
          invokeAction(store, 'ListUsers', {}, root);
          return 'ok';
        } catch (error) {
          return (error as { code: string }).code;
        }
      });
    };
    const outcomes = run();
    assert.deepEqual(outcomes, run());
    const throttled = outcomes.filter((code) => code === 'Throttling').length;
    assert.ok(throttled > 8 && throttled < 32, String(throttled));
  });

  it('answers EntityTemporarilyUnmodifiable for a new login profile', () => {
    const store = openStore({ switches: { loginProfileUnmodifiableMs: 10_000 } });
    let time = Date.parse('2024-05-01T12:00:00Z');
    const root = rootContext(store, { now: () => new Date(time) });
    a.CreateUser(store, { UserName: 'alice' }, root);
    a.CreateLoginProfile(store, { UserName: 'alice', Password: 'Pa55word!xyz' }, root);
    assertEmulatorError(
      () => a.DeleteLoginProfile(store, { UserName: 'alice' }, root),
      'EntityTemporarilyUnmodifiable',
    );
    time += 10_000;
    a.DeleteLoginProfile(store, { UserName: 'alice' }, root);
  });

  it('GetCallerIdentity names the caller', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'bob' }, root);
    const identity = invokeAction(store, 'GetCallerIdentity', {}, userContext(store, 'bob'), 'sts');
    assert.equal((identity as { Arn: string }).Arn, 'arn:aws:iam::123456789012:user/bob');
  });
});
