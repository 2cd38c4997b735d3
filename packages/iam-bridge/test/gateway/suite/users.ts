// Users, memberships, rotation and IAM actions by name.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import type { TestGateway } from '../support.js';
import type { SuiteContext } from './context.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

/** Registers these tests in the current describe block. */
export function defineUserTests(suite: SuiteContext): void {
  let g: TestGateway;
  before(() => {
    g = suite.gateway();
  });
  const audit = (query: string) => suite.audit(query);

  test('create a user: 201 with secrets once, read it back, a differing spec is 409', async () => {
    const spec = {
      userName: 'ana',
      path: '/staff/',
      tags: { team: 'ops' },
      loginProfile: true,
      accessKey: true,
    };
    const created = await g.call('POST', '/v1/users', { key: g.keys.write, body: spec });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.status, 'created');
    assert.match(created.body.accessKey.accessKeyId, /^AKIA/);
    assert.equal(created.body.accessKey.secretAccessKey.length, 40);
    assert.ok(created.body.password.length >= 8);
    assert.equal(created.body.user.path, '/staff/');

    const read = await g.call('GET', '/v1/users/ana', { key: g.keys.read });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.user.tags, { team: 'ops' });
    assert.equal(read.body.user.arn, created.body.user.arn);

    const again = await g.call('POST', '/v1/users', {
      key: g.keys.write,
      body: { userName: 'ana', path: '/staff/', tags: { team: 'ops' } },
    });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.error.code, 'EntityAlreadyExists');

    const dryRun = await g.call('POST', '/v1/users?dryRun=true', {
      key: g.keys.write,
      body: { userName: 'zed' },
    });
    assert.equal(dryRun.status, 200);
    assert.equal(dryRun.body.status, 'planned');
    assert.equal((await g.call('GET', '/v1/users/zed')).status, 404);

    const entries = await audit('target=user/ana&action=CreateUser');
    assert.equal(entries.length, 2);
    assert.deepEqual(entries.map((entry: any) => entry.outcome).sort(), ['failed', 'succeeded']);
    const success = entries.find((entry: any) => entry.outcome === 'succeeded');
    assert.match(success.caller, /^key:[0-9a-f]{12} \(writer/);
    assert.equal(success.status, 201);
    assert.ok(success.iamRequestId);
    assert.ok(success.durationMs >= 0);
  });

  test('list users a page at a time', async () => {
    for (const userName of ['page-1', 'page-2', 'page-3']) {
      assert.equal(
        (await g.call('POST', '/v1/users', { body: { userName, path: '/paging/' } })).status,
        201,
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const query = `limit=2&pathPrefix=/paging/${after}`;
      const page = await g.call('GET', `/v1/users?${query}`, { key: g.keys.read });
      assert.equal(page.status, 200, page.text);
      assert.ok(page.body.users.length <= 2);
      seen.push(...page.body.users.map((user: any) => user.userName));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen.sort(), ['page-1', 'page-2', 'page-3']);
  });

  test('list items leave tags out instead of showing a tagged user with none', async () => {
    const created = await g.call('POST', '/v1/users', {
      body: { userName: 'tagged-1', path: '/tagged/', tags: { team: 'ops' } },
    });
    assert.equal(created.status, 201, created.text);
    const page = await g.call('GET', '/v1/users?pathPrefix=/tagged/', { key: g.keys.read });
    assert.equal(page.status, 200, page.text);
    assert.equal(page.body.users.length, 1);
    assert.equal(page.body.users[0].userName, 'tagged-1');
    assert.ok(!('tags' in page.body.users[0]), page.text);
    const read = await g.call('GET', '/v1/users/tagged-1', { key: g.keys.read });
    assert.deepEqual(read.body.user.tags, { team: 'ops' });
  });

  test('group membership and policy attachment', async () => {
    await g.call('POST', '/v1/users', { body: { userName: 'gus' } });
    const group = await g.call('POST', '/v1/iam/CreateGroup', { body: { GroupName: 'devs' } });
    assert.equal(group.status, 200, group.text);
    assert.equal(group.body.result.Group.GroupName, 'devs');

    const joined = await g.call('PUT', '/v1/users/gus/groups/devs', { key: g.keys.write });
    assert.equal(joined.status, 200, joined.text);
    const groups = await g.call('POST', '/v1/iam/ListGroupsForUser', {
      body: { UserName: 'gus' },
    });
    assert.deepEqual(
      groups.body.result.Groups.map((item: any) => item.GroupName),
      ['devs'],
    );
    assert.equal(
      (await g.call('DELETE', '/v1/users/gus/groups/devs', { key: g.keys.write })).status,
      200,
    );
    const missing = await g.call('PUT', '/v1/users/gus/groups/nosuchgroup', {
      key: g.keys.write,
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'NoSuchEntity');

    const attached = await g.call('PUT', '/v1/users/gus/policies', {
      key: g.keys.write,
      body: { policyArn: READ_ONLY },
    });
    assert.equal(attached.status, 200, attached.text);
    const listed = await g.call('POST', '/v1/iam/ListAttachedUserPolicies', {
      body: { UserName: 'gus' },
    });
    assert.deepEqual(
      listed.body.result.AttachedPolicies.map((item: any) => item.PolicyArn),
      [READ_ONLY],
    );
    const detached = await g.call(
      'DELETE',
      `/v1/users/gus/policies?policyArn=${encodeURIComponent(READ_ONLY)}`,
      {
        key: g.keys.write,
      },
    );
    assert.equal(detached.status, 200, detached.text);
    const actionsDone = (await audit('target=user/gus')).map((entry: any) => entry.action);
    for (const action of [
      'AddUserToGroup',
      'RemoveUserFromGroup',
      'AttachUserPolicy',
      'DetachUserPolicy',
    ]) {
      assert.ok(actionsDone.includes(action), action);
    }
  });

  test('rotate an access key; the new secret is shown once', async () => {
    const created = await g.call('POST', '/v1/users', {
      body: { userName: 'rita', accessKey: true },
    });
    const oldKeyId = created.body.accessKey.accessKeyId;
    const rotated = await g.call('POST', '/v1/users/rita/access-keys/rotate', {
      key: g.keys.write,
      body: { deactivateOld: true, waitUntilUsable: true },
    });
    assert.equal(rotated.status, 200, rotated.text);
    assert.equal(rotated.body.oldAccessKeyId, oldKeyId);
    assert.equal(rotated.body.oldKey, 'deactivated');
    assert.equal(rotated.body.usable, true);
    assert.equal(rotated.body.newAccessKey.secretAccessKey.length, 40);
    const unknownField = await g.call('POST', '/v1/users/rita/access-keys/rotate', {
      body: { deleteOld: true },
    });
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.body.error.field, 'body.deleteOld');
    const rotations = await audit('action=RotateAccessKey&target=user/rita');
    assert.equal(rotations.length, 1);
    assert.equal(rotations[0].outcome, 'succeeded');
    assert.ok(rotations[0].iamRequestId.split(',').length >= 3, 'each IAM call named');
  });

  test('POST /v1/iam/{Action} calls any action; unknown ones and bad input are 400', async () => {
    const listed = await g.call('POST', '/v1/iam/ListUsers', { body: { MaxItems: 1 } });
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.body.action, 'ListUsers');
    assert.ok(listed.body.requestId);
    const unknown = await g.call('POST', '/v1/iam/LaunchRockets', { body: {} });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'InvalidAction');
    const missing = await g.call('POST', '/v1/iam/CreateUser', { body: {} });
    assert.equal(missing.status, 400, missing.text);
    const invalid = await g.call('POST', '/v1/iam/CreateUser', {
      body: { UserName: 'bad name!' },
    });
    assert.equal(invalid.status, 400, invalid.text);
    assert.equal((await audit('action=ListUsers')).length, 0, 'reads are not audited');
    const groups = await audit('action=CreateGroup&target=group/devs');
    assert.equal(groups.length, 1);
    assert.equal(groups[0].outcome, 'succeeded');
    const refused = await audit('action=CreateUser&outcome=failed&target=user/bad name!');
    assert.equal(refused[0].errorCode, 'ValidationError');
  });
}
