// The console's browser-free parts: the create form's spec, prefix search over pages, the
// audit query, error bodies, labels, and how /console is served next to the explainer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWebPages } from '../../src/web/register-web-pages.js';
import { apiErrorOf, userPath } from '../../web/src/console/api-client.js';
import { auditQuery } from '../../web/src/console/audit-query.js';
import { dependentLabel } from '../../web/src/console/dependent-labels.js';
import { errorDetailLines } from '../../web/src/console/error-view.js';
import { publicKeyId } from '../../web/src/console/session.js';
import { formatTime, utcFromLocalInput } from '../../web/src/console/time-format.js';
import { attachmentsInView } from '../../web/src/console/user-attachments.js';
import { searchUsers, type UserPage } from '../../web/src/console/user-search.js';
import { readUserSpec, type CreateFormValues } from '../../web/src/console/user-spec-form.js';
import { buildPage } from './browser-harness.js';

const EMPTY: CreateFormValues = {
  userName: '',
  path: '',
  groups: '',
  managedPolicies: '',
  tags: '',
  password: 'none',
  givenPassword: '',
  passwordResetRequired: true,
  accessKey: false,
};

describe('readUserSpec', () => {
  it('turns every lifecycle option into the POST /v1/users body', () => {
    const { spec, problems } = readUserSpec({
      ...EMPTY,
      userName: ' ana ',
      path: '/staff/',
      groups: 'devs\n\n ops \n',
      managedPolicies: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      tags: 'team = ops\ncost=42=x',
      password: 'generated',
      passwordResetRequired: false,
      accessKey: true,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(spec, {
      userName: 'ana',
      path: '/staff/',
      groups: ['devs', 'ops'],
      managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      tags: { team: 'ops', cost: '42=x' },
      loginProfile: { passwordResetRequired: false },
      accessKey: true,
    });
  });

  it('sends a given password and leaves out what was not asked for', () => {
    const given = readUserSpec({
      ...EMPTY,
      userName: 'bo',
      password: 'given',
      givenPassword: 'P@ss',
    });
    assert.deepEqual(given.spec, {
      userName: 'bo',
      loginProfile: { password: 'P@ss', passwordResetRequired: true },
    });
    assert.deepEqual(readUserSpec({ ...EMPTY, userName: 'bo' }).spec, { userName: 'bo' });
  });

  it('names the field at fault for each rule the gateway applies', () => {
    const { spec, problems } = readUserSpec({
      ...EMPTY,
      userName: 'has space',
      path: 'staff',
      groups: 'bad/group',
      managedPolicies: 'ReadOnlyAccess',
      tags: 'no-equals',
      password: 'given',
    });
    assert.equal(spec, undefined);
    assert.deepEqual(
      problems.map((problem) => problem.field),
      ['userName', 'path', 'groups', 'managedPolicies', 'tags', 'givenPassword'],
    );
    const tooMany = readUserSpec({ ...EMPTY, userName: 'a', groups: 'g\n'.repeat(11) });
    assert.match(tooMany.problems[0]!.message, /At most 10/);
    assert.equal(
      readUserSpec({ ...EMPTY, userName: 'x'.repeat(65) }).problems[0]!.field,
      'userName',
    );
  });
});

describe('searchUsers', () => {
  const names = Array.from({ length: 250 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
  names.push('Ana', 'anabel');
  names.sort();

  function fakeList(requests: string[]) {
    return async (path: string): Promise<UserPage> => {
      requests.push(path);
      const query = new URL(path, 'http://x').searchParams;
      const start = Number(query.get('cursor') ?? 0);
      const limit = Number(query.get('limit'));
      const users = names.slice(start, start + limit).map((userName) => ({ userName }));
      const next = start + limit;
      return { users, ...(next < names.length ? { nextCursor: String(next) } : {}) };
    };
  }

  it('without a prefix, reads one page of pageSize and hands back the cursor', async () => {
    const requests: string[] = [];
    const result = await searchUsers(fakeList(requests), { prefix: '', pageSize: 20 });
    assert.equal(result.users.length, 20);
    assert.equal(result.nextCursor, '20');
    assert.deepEqual(requests, ['/v1/users?limit=20']);
  });

  it('with a prefix, reads pages until enough match, ignoring case', async () => {
    const requests: string[] = [];
    const result = await searchUsers(fakeList(requests), { prefix: 'ANA', pageSize: 20 });
    assert.deepEqual(
      result.users.map((user) => user.userName),
      ['Ana', 'anabel'],
    );
    assert.equal(result.nextCursor, undefined);
    assert.equal(result.scanned, names.length);
    assert.equal(requests.length, 3);
  });

  it('continues from a cursor and stops at maxScan', async () => {
    const requests: string[] = [];
    const result = await searchUsers(fakeList(requests), {
      prefix: 'nobody',
      cursor: '100',
      maxScan: 100,
    });
    assert.deepEqual(requests, ['/v1/users?limit=100&cursor=100']);
    assert.equal(result.nextCursor, '200');
  });
});

describe('console helpers', () => {
  it('builds the audit query with UTC times and leaves out empty filters', () => {
    const query = auditQuery(
      {
        caller: '',
        action: ' DeleteUser ',
        target: 'user/ana',
        outcome: '',
        since: '2026-01-02T03:04',
        until: 'not a time',
      },
      { limit: 50, cursor: '17' },
    );
    assert.equal(
      query,
      'action=DeleteUser&target=user%2Fana&since=2026-01-02T03%3A04%3A00.000Z&limit=50&cursor=17',
    );
    assert.equal(utcFromLocalInput('2026-01-02T03:04:05'), '2026-01-02T03:04:05.000Z');
    assert.equal(utcFromLocalInput(''), undefined);
  });

  it('reads the gateway error body, keeping the details', () => {
    const error = apiErrorOf(409, {
      error: {
        code: 'DeleteConflict',
        message: 'user ana still has accessKey AKIA1',
        requestId: 'r1',
        blockers: [{ kind: 'accessKey', id: 'AKIA1' }],
      },
    });
    assert.equal(error.code, 'DeleteConflict');
    assert.equal(error.status, 409);
    assert.equal(error.requestId, 'r1');
    assert.deepEqual(errorDetailLines(error.details), ['Blockers: accessKey AKIA1']);

    const bare = apiErrorOf(502, undefined, 'r2');
    assert.equal(bare.code, 'HttpError');
    assert.equal(bare.requestId, 'r2');
    assert.deepEqual(errorDetailLines({ field: 'userName' }), ['Field: userName']);
  });

  it('labels dependents, key ids, times and user paths', () => {
    assert.equal(dependentLabel({ kind: 'groupMembership', id: 'devs' }), 'Group membership: devs');
    assert.equal(dependentLabel({ kind: 'somethingNew', id: 'x' }), 'somethingNew: x');
    assert.equal(publicKeyId(`iamb_0a1b2c3d4e5f_${'s'.repeat(43)}`), 'iamb_0a1b2c3d4e5f');
    assert.equal(publicKeyId('garbage'), '(unrecognised key format)');
    assert.equal(formatTime('2026-01-02T03:04:05.678Z'), '2026-01-02 03:04:05');
    assert.equal(formatTime(undefined), '–');
    assert.equal(userPath('a+b@c', '?force=true'), '/v1/users/a%2Bb%40c?force=true');
  });

  it('uses attachments the user route returns, and asks IAM when it returns none', () => {
    assert.equal(attachmentsInView({ userName: 'ana' }), undefined);
    assert.deepEqual(
      attachmentsInView({
        userName: 'ana',
        groups: ['devs'],
        managedPolicies: [{ policyArn: 'arn:aws:iam::aws:policy/X' }],
        accessKeys: [{ accessKeyId: 'AKIA1', status: 'Active' }],
      }),
      {
        groups: ['devs'],
        managedPolicies: ['arn:aws:iam::aws:policy/X'],
        inlinePolicies: [],
        accessKeys: [{ accessKeyId: 'AKIA1', status: 'Active' }],
      },
    );
  });
});

describe('registerWebPages serves the console', () => {
  let app: FastifyInstance;
  let built: { dir: string; remove: () => Promise<void> };

  before(async () => {
    built = await buildPage();
    app = Fastify();
    await registerWebPages(app, { assetsDir: built.dir });
  });

  after(async () => {
    await app.close();
    await built.remove();
  });

  it('allows the console to connect to its own origin only; the explainer nowhere', async () => {
    const console = await app.inject({ url: '/console' });
    assert.equal(console.statusCode, 200);
    const policy = console.headers['content-security-policy'] as string;
    assert.match(policy, /connect-src 'self'/);
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.match(console.body, /<script src="\/web\/console\.js" defer><\/script>/);
    assert.match(console.body, /connect-src 'self'/);
    assert.match(console.body, /href="\/explain"/);

    const explain = await app.inject({ url: '/explain' });
    assert.match(explain.headers['content-security-policy'] as string, /connect-src 'none'/);
    assert.doesNotMatch(explain.headers['content-security-policy'] as string, /'self'; form/);
    assert.match(explain.body, /href="\/console"/);
  });

  it('serves the console script and styles', async () => {
    const script = await app.inject({ url: '/web/console.js' });
    assert.equal(script.statusCode, 200);
    assert.match(script.headers['content-type'] as string, /^text\/javascript/);
    const style = await app.inject({ url: '/web/console.css' });
    assert.match(style.headers['content-type'] as string, /^text\/css/);
    // The console's styles carry the explainer's colors.
    assert.match(style.body, /--accent:\s*#0b57d0/);
  });
});
