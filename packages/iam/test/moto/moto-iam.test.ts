// The client against moto_server, an IAM implementation we did not write, with signature
// checking on: after the first three unauthenticated calls bootstrap an admin key, every
// request is signed with that key and checked by moto.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '../../src/client/iam-client.js';
import { IamError } from '../../src/errors.js';
import { all, paginate } from '../../src/pagination/paginate.js';
import { motoUnavailable, startMoto } from '../support/moto-server.js';
import type { MotoServer } from '../support/moto-server.js';
import { NO_SHARED_FILES } from '../transport/scripted-server.js';

const skip = motoUnavailable();
const allowAll = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

describe('IamClient against moto_server with signatures checked', { skip }, () => {
  let moto: MotoServer;
  let iam: IamClient;
  let admin: { accessKeyId: string; secretAccessKey: string };

  before(async () => {
    moto = await startMoto({ initialNoAuthActionCount: 3 });
    const bootstrap = new IamClient({
      endpoint: moto.url,
      env: NO_SHARED_FILES,
      credentials: { accessKeyId: 'AKIDBOOTSTRAP', secretAccessKey: 'unchecked' },
    });
    await bootstrap.send('CreateUser', { UserName: 'admin' });
    const { AccessKey } = await bootstrap.send('CreateAccessKey', { UserName: 'admin' });
    await bootstrap.send('PutUserPolicy', {
      UserName: 'admin',
      PolicyName: 'allow-all',
      PolicyDocument: allowAll,
    });
    admin = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
    iam = new IamClient({ endpoint: moto.url, env: NO_SHARED_FILES, credentials: admin });
  });
  after(() => moto?.stop());

  it('refuses a wrong secret with a typed SignatureDoesNotMatch', async () => {
    const wrong = new IamClient({
      endpoint: moto.url,
      env: NO_SHARED_FILES,
      credentials: { ...admin, secretAccessKey: 'not-the-secret' },
    });
    await assert.rejects(wrong.send('ListUsers'), (error: unknown) => {
      assert.ok(error instanceof IamError);
      assert.equal(error.code, 'SignatureDoesNotMatch');
      assert.equal(error.status, 403);
      assert.ok(!error.message.includes('not-the-secret'));
      return true;
    });
  });

  it('refuses an unknown access key with InvalidClientTokenId', async () => {
    const unknown = new IamClient({
      endpoint: moto.url,
      env: NO_SHARED_FILES,
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
    });
    await assert.rejects(unknown.send('ListUsers'), { code: 'InvalidClientTokenId' });
  });

  it('creates, reads, lists and deletes users and access keys', async () => {
    const { User } = await iam.send('CreateUser', {
      UserName: 'ana',
      Path: '/team/',
      Tags: [{ Key: 'team', Value: 'ops' }],
    });
    assert.equal(User?.Arn, 'arn:aws:iam::123456789012:user/team/ana');

    const fetched = await iam.call.GetUser({ UserName: 'ana' });
    assert.equal(fetched.User.Path, '/team/');
    assert.ok(fetched.User.CreateDate instanceof Date);

    const key = await iam.send('CreateAccessKey', { UserName: 'ana' });
    const keys = await all(iam, 'ListAccessKeys', { UserName: 'ana' });
    assert.deepEqual(
      keys.map((k) => k.AccessKeyId),
      [key.AccessKey.AccessKeyId],
    );

    const users = await all(iam, 'ListUsers', { PathPrefix: '/team/' });
    assert.deepEqual(
      users.map((user) => user.UserName),
      ['ana'],
    );

    await iam.send('DeleteAccessKey', { UserName: 'ana', AccessKeyId: key.AccessKey.AccessKeyId });
    await iam.send('DeleteUser', { UserName: 'ana' });
    await assert.rejects(iam.send('GetUser', { UserName: 'ana' }), {
      code: 'NoSuchEntity',
      status: 404,
    });
  });

  it('creates groups with members and deletes them', async () => {
    await iam.send('CreateUser', { UserName: 'bo' });
    await iam.send('CreateGroup', { GroupName: 'ops' });
    await iam.send('AddUserToGroup', { GroupName: 'ops', UserName: 'bo' });

    const members = await all(iam, 'GetGroup', { GroupName: 'ops' });
    assert.deepEqual(
      members.map((user) => user.UserName),
      ['bo'],
    );
    const groups = await all(iam, 'ListGroupsForUser', { UserName: 'bo' });
    assert.deepEqual(
      groups.map((group) => group.GroupName),
      ['ops'],
    );

    await iam.send('RemoveUserFromGroup', { GroupName: 'ops', UserName: 'bo' });
    await iam.send('DeleteGroup', { GroupName: 'ops' });
    await iam.send('DeleteUser', { UserName: 'bo' });
    await assert.rejects(iam.send('GetGroup', { GroupName: 'ops' }), { code: 'NoSuchEntity' });
  });

  it('pages through managed policies with Marker and MaxItems', async () => {
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { Policy } = await iam.send('CreatePolicy', {
        PolicyName: `policy-${i}`,
        PolicyDocument: allowAll,
      });
      arns.push(Policy!.Arn!);
    }

    const pages = [];
    for await (const page of paginate(iam, 'ListPolicies', { Scope: 'Local' }, { pageSize: 2 })) {
      pages.push(page.Policies?.map((policy) => policy.PolicyName));
    }
    assert.deepEqual(pages, [['policy-0', 'policy-1'], ['policy-2', 'policy-3'], ['policy-4']]);

    const version = await iam.send('GetPolicyVersion', { PolicyArn: arns[0], VersionId: 'v1' });
    assert.equal(JSON.parse(version.PolicyVersion!.Document!).Statement[0].Effect, 'Allow');

    for (const arn of arns) await iam.send('DeletePolicy', { PolicyArn: arn });
    assert.deepEqual(await all(iam, 'ListPolicies', { Scope: 'Local' }), []);
  });

  it('reports moto-side validation as a typed error', async () => {
    await iam.send('CreateUser', { UserName: 'dup' });
    await assert.rejects(iam.send('CreateUser', { UserName: 'dup' }), {
      code: 'EntityAlreadyExists',
      status: 409,
    });
    await iam.send('DeleteUser', { UserName: 'dup' });
  });
});
