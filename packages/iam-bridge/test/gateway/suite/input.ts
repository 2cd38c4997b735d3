// Bad input, metrics, the OpenAPI document and the logs.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import type { TestGateway } from '../support.js';
import type { SuiteContext } from './context.js';

/** Registers these tests in the current describe block. */
export function defineInputTests(suite: SuiteContext): void {
  let g: TestGateway;
  before(() => {
    g = suite.gateway();
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
      ['POST', '/v1/users', { rawBody: '', headers: { 'content-type': 'application/json' } }, 400],
      [
        'POST',
        '/v1/users',
        { body: { userName: 'ok' }, headers: { 'idempotency-key': 'x y' } },
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
      new RegExp(
        'iam_bridge_http_request_duration_seconds_bucket' +
          '\\{route="/v1/users/:userName",method="GET",le="0.005"\\}',
      ),
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
      g.keys.write.slice('iamb_0123456789ab_'.length),
      g.gateway.context.target.emulator!.rootCredentials.secretAccessKey,
    ]) {
      assert.ok(!logged.includes(secret), 'a secret reached the log');
    }
  });
}
