// Inputs a careless or hostile client sends that the gateway answered badly before: bodies
// nested deep enough to overflow the stack, JSON bodies on routes that take none, key order
// that changes an idempotency fingerprint, binary IAM results, and a dry run's shape.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { canonicalJson } from '../../src/gateway/idempotency.js';
import { jsonDepthOver, MAX_JSON_DEPTH } from '../../src/gateway/json-body.js';
import { startTestGateway, type TestGateway } from './support.js';

describe('jsonDepthOver and canonicalJson', () => {
  test('depth counts brackets outside strings only', () => {
    assert.equal(jsonDepthOver('[[[1]]]', 2), true);
    assert.equal(jsonDepthOver('[[[1]]]', 3), false);
    assert.equal(jsonDepthOver(`{"a":"${'['.repeat(100)}"}`, 2), false);
    assert.equal(jsonDepthOver(`{"a":"\\"${'{'.repeat(100)}"}`, 2), false);
    assert.equal(jsonDepthOver('[]'.repeat(1000), 1), false);
  });

  test('canonical JSON sorts keys at every level and keeps array order', () => {
    assert.equal(
      canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 'x'] }),
      '{"a":[{"c":3,"d":2},"x"],"b":1}',
    );
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson({ é: '\u2028' }), JSON.stringify({ é: '\u2028' }));
  });
});

describe('the gateway on awkward input', () => {
  let g: TestGateway;
  before(async () => {
    g = await startTestGateway();
  });
  after(() => g.stop());

  test('a body nested thousands deep is a 400, never a 500, even on a dry run', async () => {
    const deep = '['.repeat(4500) + ']'.repeat(4500);
    for (const path of ['/v1/users', '/v1/users?dryRun=true', '/v1/iam/CreateUser']) {
      const answer = await g.call('POST', path, {
        rawBody: `{"userName":"deep-user","inlinePolicies":{"p":${deep}}}`,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(answer.status, 400, `${path}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'MalformedJson');
      assert.match(answer.body.error.message, new RegExp(`deeper than ${MAX_JSON_DEPTH} levels`));
    }
    const missing = await g.call('GET', '/v1/users/deep-user');
    assert.equal(missing.status, 404, missing.text);
  });

  test('a policy document nested past any real policy is refused by name', async () => {
    let document: unknown = 'x';
    for (let i = 0; i < 40; i++) document = [document];
    const answer = await g.call('POST', '/v1/users?dryRun=true', {
      body: { userName: 'deep-policy', inlinePolicies: { p: { Statement: document } } },
    });
    assert.equal(answer.status, 400, answer.text);
    assert.match(answer.body.error.message, /inline policy p is nested deeper than 32 levels/);
  });

  test('routes without a body take an empty one sent as application/json', async () => {
    const json = { 'content-type': 'application/json' };
    assert.equal(
      (await g.call('POST', '/v1/users', { body: { userName: 'bodyless' } })).status,
      201,
    );
    await g.call('POST', '/v1/iam/CreateGroup', { body: { GroupName: 'bodyless-group' } });
    const join = await g.call('PUT', '/v1/users/bodyless/groups/bodyless-group', {
      rawBody: '',
      headers: json,
    });
    assert.equal(join.status, 200, join.text);
    const leave = await g.call('DELETE', '/v1/users/bodyless/groups/bodyless-group', {
      rawBody: '',
      headers: json,
    });
    assert.equal(leave.status, 200, leave.text);
    const gone = await g.call('DELETE', '/v1/users/bodyless', { rawBody: '', headers: json });
    assert.equal(gone.status, 200, gone.text);
    // A route whose fields are all optional may be called with no body at all.
    const bare = await g.call('POST', '/v1/iam/ListUsers');
    assert.equal(bare.status, 200, bare.text);
    const proto = await g.call('POST', '/v1/users', {
      rawBody: '{"userName":"p","__proto__":{"x":1}}',
      headers: json,
    });
    assert.equal(proto.status, 400, proto.text);
    assert.match(proto.body.error.message, /__proto__/);
    // A route that needs a body still says that it is empty.
    const empty = await g.call('POST', '/v1/users', { rawBody: '', headers: json });
    assert.equal(empty.status, 400, empty.text);
    assert.equal(empty.body.error.code, 'MalformedJson');
    assert.match(empty.body.error.message, /empty/);
  });

  test('text on a JSON route is a 415; bad JSON names the reason without echoing the body', async () => {
    const text = await g.call('POST', '/v1/users', {
      rawBody: '{"userName":"texty"}',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(text.status, 415, text.text);
    assert.equal(text.body.error.code, 'UnsupportedMediaType');
    const bad = await g.call('POST', '/v1/users', {
      rawBody: '{"userName":"x","loginProfile":{"password":"Hunter2-secret"}}}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.error.code, 'MalformedJson');
    assert.match(bad.body.error.message, /^The body is not valid JSON: .+\.$/);
    assert.doesNotMatch(bad.body.error.message, /Hunter2|is not valid JSON.*is not valid JSON/);
    const unquoted = await g.call('POST', '/v1/iam/CreateLoginProfile', {
      rawBody: '{"UserName":"u","Password":Hunter2TopSecret}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unquoted.status, 400, unquoted.text);
    assert.doesNotMatch(unquoted.body.error.message, /Hunter2/);
    const latin = await g.call('POST', '/v1/users', {
      rawBody: Buffer.from('{"userName":"latin","tags":{"k":"\xfc"}}', 'latin1'),
      headers: { 'content-type': 'application/json; charset=latin1' },
    });
    assert.equal(latin.status, 415, latin.text);
    assert.match(latin.body.error.message, /latin1/);
    const utf8 = await g.call('POST', '/v1/users?dryRun=true', {
      rawBody: '{"userName":"utf8-named"}',
      headers: { 'content-type': 'application/json; charset="UTF-8"' },
    });
    assert.equal(utf8.status, 200, utf8.text);
  });

  test('an idempotent retry with its keys in another order replays', async () => {
    const headers = { 'idempotency-key': 'reordered-keys-1', 'content-type': 'application/json' };
    const first = await g.call('POST', '/v1/users', {
      rawBody: '{"userName":"reordered","tags":{"a":"1","b":"2"},"path":"/x/"}',
      headers,
    });
    assert.equal(first.status, 201, first.text);
    const again = await g.call('POST', '/v1/users', {
      rawBody: '{ "path": "/x/", "tags": {"b":"2", "a":"1"}, "userName": "reordered" }',
      headers,
    });
    assert.equal(again.status, 201, again.text);
    assert.deepEqual(again.body, first.body);
    const other = await g.call('POST', '/v1/users', {
      rawBody: '{"userName":"reordered","tags":{"a":"1","b":"3"},"path":"/x/"}',
      headers,
    });
    assert.equal(other.status, 422, other.text);
  });

  test('an action the target lacks is a 501 at once, logged as a warning without a stack', async () => {
    const answer = await g.call('POST', '/v1/iam/GetAccountSummary', { body: {} });
    assert.equal(answer.status, 501, answer.text);
    assert.equal(answer.body.error.code, 'NotImplemented');
    const retried = g.logLines.filter(
      (entry) => entry.includes('"msg":"retrying"') && entry.includes('GetAccountSummary'),
    );
    assert.deepEqual(retried, [], 'a 501 is not retried');
    const line = g.logLines.find((entry) => entry.includes(answer.body.error.requestId));
    assert.ok(line, 'the failure is logged with its request id');
    assert.equal(JSON.parse(line).level, 40);
    assert.doesNotMatch(line, /"stack"/);
  });

  test('rotate: retiring the old key waits for the new one; an unknown key is 404', async () => {
    await g.call('POST', '/v1/users', { body: { userName: 'rotator', accessKey: true } });
    const rotated = await g.call('POST', '/v1/users/rotator/access-keys/rotate', {
      body: { deleteOldAfter: true },
    });
    assert.equal(rotated.status, 200, rotated.text);
    assert.equal(rotated.body.usable, true);
    assert.equal(rotated.body.oldKey, 'deleted');
    const bare = await g.call('POST', '/v1/users/rotator/access-keys/rotate');
    assert.equal(bare.status, 200, bare.text);
    const unknown = await g.call('POST', '/v1/users/rotator/access-keys/rotate', {
      body: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    });
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.body.error.code, 'NoSuchEntity');
  });

  test('a path prefix without a closing slash lists as IAM does', async () => {
    await g.call('POST', '/v1/users', { body: { userName: 'hr-one', path: '/hr/' } });
    const listed = await g.call('GET', '/v1/users?pathPrefix=/hr', { key: g.keys.read });
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(
      listed.body.users.map((user: { userName: string }) => user.userName),
      ['hr-one'],
    );
    const bad = await g.call('GET', '/v1/users?pathPrefix=hr', { key: g.keys.read });
    assert.equal(bad.status, 400, bad.text);
  });

  test('bulk jobs: JSON items are named as items; CSV columns in any case; empty CSV', async () => {
    const json = await g.call('POST', '/v1/bulk-jobs', {
      body: [{ userName: 'bulk-twice' }, { userName: 'BULK-TWICE' }],
    });
    assert.equal(json.status, 400, json.text);
    assert.match(json.body.error.message, /^item 2: user BULK-TWICE is already on item 1$/);
    const csv = await g.call('POST', '/v1/bulk-jobs', {
      rawBody: 'UserName,Path\nbulk-cased,/cased/\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(csv.status, 202, csv.text);
    const latin = await g.call('POST', '/v1/bulk-jobs', {
      rawBody: Buffer.from('userName,tags\nbulk-latin,team=caf\xe9\n', 'latin1'),
      headers: { 'content-type': 'text/csv; charset=latin1' },
    });
    assert.equal(latin.status, 415, latin.text);
    const twice = await g.call('POST', '/v1/bulk-jobs', {
      rawBody: 'userName,USERNAME\nbulk-a,bulk-b\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(twice.status, 400, twice.text);
    assert.match(twice.body.error.message, /column userName is named twice/);
    const empty = await g.call('POST', '/v1/bulk-jobs', {
      rawBody: '',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(empty.status, 400, empty.text);
    assert.equal(empty.body.error.message, 'body must not be empty');
  });

  test('a refusal inside a field of several shapes names the shape the value has', async () => {
    const extra = await g.call('POST', '/v1/users', {
      body: { userName: 'shapes', loginProfile: { passwordResetRequired: true, x: 1 } },
    });
    assert.equal(extra.status, 400, extra.text);
    assert.equal(extra.body.error.message, 'body.loginProfile.x is not a known field');
    const wrong = await g.call('POST', '/v1/users', {
      body: { userName: 'shapes', loginProfile: 'yes' },
    });
    assert.equal(wrong.body.error.message, 'body.loginProfile must be of type boolean or object');
  });

  test('binary results of /v1/iam are base64 text, as the CLI prints them', async () => {
    const answer = await g.call('POST', '/v1/iam/CreateVirtualMFADevice', {
      body: { VirtualMFADeviceName: 'binary-mfa' },
    });
    assert.equal(answer.status, 200, answer.text);
    const device = answer.body.result.VirtualMFADevice;
    assert.equal(typeof device.Base32StringSeed, 'string');
    assert.match(Buffer.from(device.Base32StringSeed, 'base64').toString(), /^[A-Z2-7]+=*$/);
    assert.equal(typeof device.QRCodePNG, 'string');
    const png = Buffer.from(device.QRCodePNG, 'base64');
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  });

  test('a dry run for a user that exists answers in the camelCase shape of a create', async () => {
    await g.call('POST', '/v1/users', { body: { userName: 'dry-existing' } });
    const answer = await g.call('POST', '/v1/users?dryRun=true', {
      body: { userName: 'dry-existing' },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.status, 'exists');
    assert.equal(answer.body.user.userName, 'dry-existing');
    assert.equal(answer.body.user.UserName, undefined);
  });
});
