// The gateway's HTTP behaviour, defined once and run on each store (SQLite, PostgreSQL).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { emulatorActions as actions, rootContext, totpCode } from '../../src/emulator/index.js';
import { certificate, sshRsaPublicKey } from '../emulator/helpers.js';
import { startTestGateway, type TestGateway } from './support.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const allowAll = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** Registers the suite against a database setting made by `database()`. */
export function defineRouteSuite(name: string, database: () => Promise<string>): void {
  describe(`gateway routes on ${name}`, () => {
    let g: TestGateway;
    before(async () => {
      g = await startTestGateway({ database: await database() });
    });
    after(() => g?.stop());

    const audit = async (query: string) => (await g.call('GET', `/v1/audit?${query}`)).body.entries;

    test('healthz and readyz answer without a key; readyz names the embedded emulator', async () => {
      assert.equal((await g.call('GET', '/healthz', { key: null })).status, 200);
      const ready = await g.call('GET', '/readyz', { key: null });
      assert.equal(ready.status, 200);
      assert.equal(ready.body.target.embeddedEmulator, true);
      assert.equal(ready.body.checks.store.ok, true);
      assert.equal(ready.body.checks.target.ok, true);
    });

    test('every other route needs a valid key', async () => {
      for (const [method, path] of [
        ['GET', '/v1/users'],
        ['POST', '/v1/users'],
        ['GET', '/v1/audit'],
        ['GET', '/metrics'],
        ['GET', '/openapi.json'],
        ['POST', '/v1/iam/ListUsers'],
      ] as const) {
        const none = await g.call(method, path, { key: null });
        assert.equal(none.status, 401, `${method} ${path}`);
        assert.equal(none.body.error.code, 'Unauthorized');
        assert.ok(none.body.error.requestId);
        const wrong = await g.call(method, path, { key: 'iamb_000000000000_' + 'x'.repeat(43) });
        assert.equal(wrong.status, 401);
        assert.equal((await g.call(method, path, { key: 'not-a-key' })).status, 401);
      }
      const viaHeader = await g.call('GET', '/v1/users', {
        key: null,
        headers: { 'x-api-key': g.keys.read },
      });
      assert.equal(viaHeader.status, 200);
    });

    test('a revoked key is refused', async () => {
      const { createApiKey } = await import('../../src/gateway/auth/api-keys.js');
      const store = g.gateway.context.store;
      const { key, record } = await createApiKey(store, { name: 'short-lived', scopes: ['read'] });
      assert.ok(record.hash.startsWith('$argon2id$'));
      assert.ok(!record.hash.includes(key.split('_')[2]!));
      await store.revokeApiKey(record.id, new Date().toISOString());
      assert.equal((await g.call('GET', '/v1/users', { key })).status, 401);
    });

    test('scopes: read cannot change, write cannot call IAM actions or read the audit', async () => {
      const readCreate = await g.call('POST', '/v1/users', {
        key: g.keys.read,
        body: { userName: 'nope' },
      });
      assert.equal(readCreate.status, 403);
      assert.match(readCreate.body.error.message, /write scope/);
      assert.equal((await g.call('DELETE', '/v1/users/nope', { key: g.keys.read })).status, 403);
      const bulk = await g.call('POST', '/v1/bulk-jobs', {
        key: g.keys.read,
        body: [{ userName: 'x' }],
      });
      assert.equal(bulk.status, 403);
      for (const key of [g.keys.read, g.keys.write]) {
        assert.equal((await g.call('POST', '/v1/iam/ListUsers', { key, body: {} })).status, 403);
        assert.equal((await g.call('GET', '/v1/audit', { key })).status, 403);
      }
      const presign = await g.call('POST', '/v1/presign', {
        key: g.keys.write,
        body: { action: 'CreateUser', input: { UserName: 'x' } },
      });
      assert.equal(presign.status, 403);
      assert.equal((await g.call('GET', '/v1/users/nope', { key: g.keys.read })).status, 404);
      assert.equal((await g.call('GET', '/metrics', { key: g.keys.read })).status, 200);
    });

    test('create a user: 201 with secrets once, read it back, list it, same spec again is 200', async () => {
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
        const query = `limit=2&pathPrefix=/paging/${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await g.call('GET', `/v1/users?${query}`, { key: g.keys.read });
        assert.equal(page.status, 200, page.text);
        assert.ok(page.body.users.length <= 2);
        seen.push(...page.body.users.map((user: any) => user.userName));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen.sort(), ['page-1', 'page-2', 'page-3']);
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

    test('delete: 409 listing every blocker, dry run, then forced delete of every kind of dependent', async () => {
      const userName = 'dora';
      await g.call('POST', '/v1/users', {
        body: { userName, loginProfile: { password: 'Pa55word!xyz' }, accessKey: true },
      });
      await g.call('POST', '/v1/iam/CreateGroup', { body: { GroupName: 'dora-group' } });
      await g.call('PUT', `/v1/users/${userName}/groups/dora-group`);
      await g.call('PUT', `/v1/users/${userName}/policies`, { body: { policyArn: READ_ONLY } });
      const inline = await g.call('POST', '/v1/iam/PutUserPolicy', {
        body: {
          UserName: userName,
          PolicyName: 'inline',
          PolicyDocument: JSON.stringify(allowAll),
        },
      });
      assert.equal(inline.status, 200, inline.text);
      const boundary = await g.call('POST', '/v1/iam/PutUserPermissionsBoundary', {
        body: { UserName: userName, PermissionsBoundary: READ_ONLY },
      });
      assert.equal(boundary.status, 200, boundary.text);

      const emulator = g.gateway.context.target.emulator!;
      const root = rootContext(emulator.store);
      actions.UploadSSHPublicKey(
        emulator.store,
        { UserName: userName, SSHPublicKeyBody: sshRsaPublicKey() },
        root,
      );
      actions.UploadSigningCertificate(
        emulator.store,
        { UserName: userName, CertificateBody: certificate(3) },
        root,
      );
      actions.CreateServiceSpecificCredential(
        emulator.store,
        { UserName: userName, ServiceName: 'codecommit.amazonaws.com' },
        root,
      );
      const { VirtualMFADevice } = actions.CreateVirtualMFADevice(
        emulator.store,
        { VirtualMFADeviceName: 'dora-phone' },
        root,
      );
      const seed = Buffer.from(VirtualMFADevice.Base32StringSeed).toString('ascii');
      actions.EnableMFADevice(
        emulator.store,
        {
          UserName: userName,
          SerialNumber: VirtualMFADevice.SerialNumber,
          AuthenticationCode1: totpCode(seed, root.now(), -1),
          AuthenticationCode2: totpCode(seed, root.now()),
        },
        root,
      );

      const refused = await g.call('DELETE', `/v1/users/${userName}`, { key: g.keys.write });
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.error.code, 'DeleteConflict');
      const kinds = new Set(refused.body.error.blockers.map((item: any) => item.kind));
      for (const kind of [
        'accessKey',
        'loginProfile',
        'groupMembership',
        'attachedPolicy',
        'inlinePolicy',
        'sshPublicKey',
        'signingCertificate',
        'serviceSpecificCredential',
      ]) {
        assert.ok(kinds.has(kind), `blockers name ${kind}: ${[...kinds].join(',')}`);
      }
      assert.ok(kinds.has('virtualMfaDevice') || kinds.has('mfaDevice'));

      const planned = await g.call('DELETE', `/v1/users/${userName}?force=true&dryRun=true`, {
        key: g.keys.write,
      });
      assert.equal(planned.status, 200);
      assert.equal(planned.body.status, 'planned');
      assert.equal((await g.call('GET', `/v1/users/${userName}`)).status, 200);

      const forced = await g.call('DELETE', `/v1/users/${userName}?force=true`, {
        key: g.keys.write,
      });
      assert.equal(forced.status, 200, forced.text);
      assert.equal(forced.body.status, 'deleted');
      assert.equal(forced.body.removed.at(-1).kind, 'user');
      assert.equal((await g.call('GET', `/v1/users/${userName}`)).status, 404);
      const again = await g.call('DELETE', `/v1/users/${userName}`, { key: g.keys.write });
      assert.equal(again.status, 404);
      const outcomes = (await audit(`target=user/${userName}&action=DeleteUser`)).map(
        (entry: any) => entry.outcome,
      );
      assert.deepEqual(outcomes, ['failed', 'succeeded', 'failed']);
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
    });

    test('POST /v1/iam/{Action} calls any action; unknown actions and bad input are 400', async () => {
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
    });

    test('presign: a URL that the target answers, with its expiry', async () => {
      await g.call('POST', '/v1/users', { body: { userName: 'pres' } });
      const presigned = await g.call('POST', '/v1/presign', {
        key: g.keys.read,
        body: { action: 'GetUser', input: { UserName: 'pres' }, expiresIn: 60 },
      });
      assert.equal(presigned.status, 200, presigned.text);
      const expiresIn = Date.parse(presigned.body.expiresAt) - Date.parse(presigned.body.signedAt);
      assert.equal(expiresIn, 60_000);
      assert.match(presigned.body.url, /X-Amz-Signature=/);
      const followed = await fetch(presigned.body.url);
      assert.equal(followed.status, 200);
      assert.match(await followed.text(), /<UserName>pres<\/UserName>/);
      const tooLong = await g.call('POST', '/v1/presign', {
        body: { action: 'GetUser', expiresIn: 604801 },
      });
      assert.equal(tooLong.status, 400);
    });

    test('Idempotency-Key: a repeat replays without acting, another body is 422, in flight is 409', async () => {
      const headers = { 'idempotency-key': `idem-${name}-1` };
      const body = { userName: 'idem', accessKey: true };
      const first = await g.call('POST', '/v1/users', { key: g.keys.write, body, headers });
      assert.equal(first.status, 201, first.text);
      const second = await g.call('POST', '/v1/users', { key: g.keys.write, body, headers });
      assert.equal(second.status, 201);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      assert.equal(second.body.user.userId, first.body.user.userId);
      assert.equal(second.body.accessKey.accessKeyId, first.body.accessKey.accessKeyId);
      assert.equal(second.body.accessKey.secretAccessKey, '(shown once; not stored)');
      assert.equal(first.headers.get('idempotent-replayed'), null);
      assert.equal((await audit('target=user/idem')).length, 1, 'acted once');

      const other = await g.call('POST', '/v1/users', {
        key: g.keys.write,
        body: { userName: 'idem2' },
        headers,
      });
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'IdempotencyKeyReused');

      const byAnotherCaller = await g.call('POST', '/v1/users', {
        key: g.keys.admin,
        body,
        headers,
      });
      assert.equal(
        byAnotherCaller.status,
        200,
        'keys are per caller: this one acts, finds the user',
      );
      assert.equal(byAnotherCaller.body.status, 'exists');
      assert.equal(byAnotherCaller.headers.get('idempotent-replayed'), null);

      const refusal = { 'idempotency-key': `idem-${name}-2` };
      const conflict = await g.call('DELETE', '/v1/users/nobody-here', {
        key: g.keys.write,
        headers: refusal,
      });
      assert.equal(conflict.status, 404);
      const replayedRefusal = await g.call('DELETE', '/v1/users/nobody-here', {
        key: g.keys.write,
        headers: refusal,
      });
      assert.equal(replayedRefusal.status, 404);
      assert.equal(replayedRefusal.headers.get('idempotent-replayed'), 'true');

      const store = g.gateway.context.store;
      const writerId = (await g.gateway.context.keys.verify(g.keys.write))!.id;
      const now = new Date();
      const flightBody = { userName: 'flight' };
      const fingerprint = createHash('sha256')
        .update(`POST\n/v1/users\n${JSON.stringify(flightBody)}`)
        .digest('hex');
      for (const [key, print, expected] of [
        ['in-flight-key', fingerprint, 409],
        ['other-flight-key', 'another request', 422],
      ] as const) {
        const planted = await store.beginIdempotency({
          caller: writerId,
          key,
          fingerprint: print,
          now: now.toISOString(),
          expiresAt: new Date(now.getTime() + 60_000).toISOString(),
          staleBefore: new Date(now.getTime() - 60_000).toISOString(),
          instanceId: g.gateway.context.instanceId,
          instanceStaleBefore: new Date(now.getTime() - 60_000).toISOString(),
        });
        assert.equal(planted.state, 'new');
        const answer = await g.call('POST', '/v1/users', {
          key: g.keys.write,
          body: flightBody,
          headers: { 'idempotency-key': key },
        });
        assert.equal(answer.status, expected, answer.text);
      }
      assert.equal((await g.call('GET', '/v1/users/flight')).status, 404, 'neither acted');

      const racing = { 'idempotency-key': `idem-${name}-race` };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          g.call('POST', '/v1/users', {
            key: g.keys.write,
            body: { userName: 'racer' },
            headers: racing,
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      assert.equal(statuses.filter((status) => status === 201).length >= 1, true, statuses.join());
      assert.ok(
        statuses.every((status) => status === 201 || status === 409),
        statuses.join(),
      );
      assert.ok(
        answers.filter(
          (answer) => answer.status === 201 && !answer.headers.get('idempotent-replayed'),
        ).length === 1,
      );
      for (const answer of answers.filter((item) => item.status === 409)) {
        assert.equal(answer.body.error.code, 'IdempotencyKeyInFlight');
      }
      assert.equal((await audit('target=user/racer')).length, 1);
    });

    test('audit log filters and pages', async () => {
      const all = await audit('limit=1000');
      assert.ok(all.length >= 10);
      assert.ok(
        all.every((entry: any) => entry.outcome !== 'pending'),
        'every outcome recorded',
      );
      const first = await g.call('GET', '/v1/audit?limit=3');
      assert.equal(first.body.entries.length, 3);
      const next = await g.call('GET', `/v1/audit?limit=3&cursor=${first.body.nextCursor}`);
      assert.ok(Number(next.body.entries[0].id) < Number(first.body.entries[2].id));
      const failed = await audit('outcome=failed');
      assert.ok(failed.length > 0 && failed.every((entry: any) => entry.outcome === 'failed'));
      const future = await audit(
        `since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      );
      assert.equal(future.length, 0);
      const past = await audit(
        `until=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`,
      );
      assert.equal(past.length, 0);
      const writerId = (await g.gateway.context.keys.verify(g.keys.write))!;
      const byCaller = await audit(
        `caller=${encodeURIComponent(`${writerId.id} (${writerId.name})`)}`,
      );
      assert.ok(byCaller.length > 0);
      assert.equal((await g.call('GET', '/v1/audit?outcome=weird')).status, 400);
      assert.equal((await g.call('GET', '/v1/audit?since=yesterday')).status, 400);
    });

    test('bulk jobs: a JSON array and CSV run in the background; the report names each row', async () => {
      const submitted = await g.call('POST', '/v1/bulk-jobs', {
        key: g.keys.write,
        body: [
          { userName: 'bulk-1', groups: [] },
          { userName: 'bulk-2', path: '/bulk/' },
          { userName: 'bulk-3' },
        ],
      });
      assert.equal(submitted.status, 202, submitted.text);
      const job = await waitForJob(g, submitted.body.id);
      assert.equal(job.job.status, 'succeeded');
      assert.equal(job.job.succeeded, 3);
      assert.deepEqual(
        job.items.map((item: any) => item.result.status),
        ['created', 'created', 'created'],
      );
      assert.equal((await g.call('GET', '/v1/users/bulk-2')).body.user.path, '/bulk/');

      const csv = await g.call('POST', '/v1/bulk-jobs?operation=delete&force=true', {
        key: g.keys.write,
        rawBody: 'userName\nbulk-1\nbulk-2\nnever-was\n',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(csv.status, 202, csv.text);
      const deleted = await waitForJob(g, csv.body.id);
      assert.equal(deleted.job.status, 'succeeded');
      assert.deepEqual(
        deleted.items.map((item: any) => item.result.status),
        ['deleted', 'deleted', 'absent'],
      );
      assert.equal((await g.call('GET', '/v1/users/bulk-1')).status, 404);
      const bulkAudit = await audit('action=DeleteUser&target=user/bulk-1');
      assert.equal(bulkAudit[0].outcome, 'succeeded');
      assert.match(bulkAudit[0].requestId, /^bulk-job:/);

      const secrets = await g.call('POST', '/v1/bulk-jobs', {
        body: [{ userName: 'x', accessKey: true }],
      });
      assert.equal(secrets.status, 400);
      const badCsv = await g.call('POST', '/v1/bulk-jobs', {
        rawBody: 'userName,colour\nx,blue\n',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(badCsv.status, 400);
      assert.match(badCsv.body.error.message, /colour/);
      const badName = await g.call('POST', '/v1/bulk-jobs', { body: [{ userName: 'bad name' }] });
      assert.equal(badName.status, 400);
      assert.equal((await g.call('GET', '/v1/bulk-jobs/not-a-uuid')).status, 400);
      assert.equal((await g.call('GET', `/v1/bulk-jobs/${crypto.randomUUID()}`)).status, 404);
    });

    test('bad input is a 4xx naming the problem, never a 500', async () => {
      const cases: Array<[string, string, Parameters<TestGateway['call']>[2], number, RegExp?]> = [
        [
          'POST',
          '/v1/users',
          { rawBody: '{"userName": ', headers: { 'content-type': 'application/json' } },
          400,
          /JSON/,
        ],
        [
          'POST',
          '/v1/users',
          { body: { userName: 42 } },
          400,
          /body\.userName must be of type string/,
        ],
        ['POST', '/v1/users', { body: { userName: 'ok', accessKey: 'yes' } }, 400, /accessKey/],
        [
          'POST',
          '/v1/users',
          { body: { userName: 'ok', extra: 1 } },
          400,
          /body\.extra is not a known field/,
        ],
        ['POST', '/v1/users', { body: {} }, 400, /body\.userName is required/],
        ['POST', '/v1/users', { body: [] }, 400],
        ['POST', '/v1/users', { body: { userName: 'bad name!' } }, 400, /userName/],
        ['POST', '/v1/users', { body: { userName: 'x'.repeat(65) } }, 400],
        ['GET', '/v1/users/bad%20name', {}, 400, /params\.userName/],
        ['GET', `/v1/users/${'x'.repeat(65)}`, {}, 400],
        ['GET', '/v1/users?limit=0', {}, 400, /limit/],
        ['GET', '/v1/users?limit=abc', {}, 400],
        ['GET', '/v1/users?colour=red', {}, 400, /colour/],
        ['DELETE', '/v1/users/ana?force=yes', {}, 400, /force/],
        [
          'POST',
          '/v1/users',
          {
            rawBody: 'userName=ana',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          },
          415,
        ],
        [
          'POST',
          '/v1/users',
          { rawBody: '', headers: { 'content-type': 'application/json' } },
          400,
        ],
        [
          'POST',
          '/v1/users',
          { body: { userName: 'ok' }, headers: { 'idempotency-key': 'é' } },
          400,
        ],
        ['GET', '/v1/nothing-here', {}, 404],
        ['POST', '/v1/iam/lowercase', { body: {} }, 400],
        ['POST', '/v1/iam/CreateUser', { body: { UserName: ['a'] } }, 400],
      ];
      for (const [method, path, options, status, message] of cases) {
        const answer = await g.call(method, path, options);
        assert.equal(
          answer.status,
          status,
          `${method} ${path} ${JSON.stringify(options)}: ${answer.text}`,
        );
        assert.ok(answer.body?.error?.code, answer.text);
        assert.ok(answer.body.error.requestId);
        if (message) assert.match(answer.body.error.message, message);
      }
      const huge = await g.call('POST', '/v1/users', {
        rawBody: JSON.stringify({ userName: 'big', path: `/${'a'.repeat(10 * 1024 * 1024)}/` }),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.error.code, 'PayloadTooLarge');
    });

    test('metrics, OpenAPI document and docs page', async () => {
      const metrics = await g.call('GET', '/metrics', { key: g.keys.read });
      assert.match(
        metrics.text,
        /iam_bridge_http_requests_total\{route="\/v1\/users",method="POST",status="201"\} \d+/,
      );
      assert.match(
        metrics.text,
        /iam_bridge_http_request_duration_seconds_bucket\{route="\/v1\/users\/:userName",method="GET",le="0.005"\}/,
      );
      assert.match(
        metrics.text,
        /iam_bridge_iam_calls_total\{action="CreateUser",outcome="success"\} \d+/,
      );

      const document = await g.call('GET', '/openapi.json', { key: g.keys.read });
      assert.equal(document.body.openapi, '3.1.0');
      for (const path of [
        '/v1/users',
        '/v1/users/{userName}',
        '/v1/users/{userName}/access-keys/rotate',
        '/v1/users/{userName}/groups/{groupName}',
        '/v1/users/{userName}/policies',
        '/v1/bulk-jobs',
        '/v1/bulk-jobs/{id}',
        '/v1/iam/{action}',
        '/v1/presign',
        '/v1/audit',
      ]) {
        assert.ok(document.body.paths[path], path);
      }
      const createBody =
        document.body.paths['/v1/users'].post.requestBody.content['application/json'].schema;
      assert.equal(createBody.additionalProperties, false);

      const docs = await g.call('GET', '/docs', { key: null });
      assert.equal(docs.status, 200);
      assert.match(docs.text, /embedded IAM emulator/);
      assert.doesNotMatch(docs.text, /https?:\/\//, 'nothing loads from the internet');
    });

    test('logs carry no secrets', async () => {
      const created = await g.call('POST', '/v1/users', {
        key: g.keys.write,
        body: { userName: 'quiet', accessKey: true, loginProfile: { password: 'Qu1et-Pa55word!' } },
      });
      assert.equal(created.status, 201);
      const logged = g.logLines.join('');
      assert.ok(logged.includes('"route":"/v1/users"'));
      for (const secret of [
        created.body.accessKey.secretAccessKey,
        'Qu1et-Pa55word!',
        g.keys.write,
        g.keys.write.split('_')[2]!,
        g.gateway.context.target.emulator!.rootCredentials.secretAccessKey,
      ]) {
        assert.ok(!logged.includes(secret), 'a secret reached the log');
      }
    });
  });
}

async function waitForJob(g: TestGateway, id: string): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await g.call('GET', `/v1/bulk-jobs/${id}?items=true`);
    assert.equal(answer.status, 200, answer.text);
    if (!['queued', 'running'].includes(answer.body.job.status)) return answer.body;
    if (Date.now() > deadline) assert.fail(`job ${id} still ${answer.body.job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
