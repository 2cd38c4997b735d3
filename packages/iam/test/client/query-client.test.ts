import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '../../src/client/iam-client.js';
import { StsClient } from '../../src/client/sts-client.js';
import { IamError } from '../../src/errors.js';
import {
  errorXml,
  NO_SHARED_FILES,
  resultXml,
  startScriptedServer,
} from '../transport/scripted-server.js';
import type { ScriptedServer } from '../transport/scripted-server.js';

const credentials = { accessKeyId: 'AKIDCLIENTTEST', secretAccessKey: 'client-test-secret' };
const userXml =
  '<User><Path>/</Path><UserName>ana</UserName><UserId>AIDA1</UserId>' +
  '<Arn>arn:aws:iam::123456789012:user/ana</Arn>' +
  '<CreateDate>2024-01-02T03:04:05Z</CreateDate></User>';

describe('IamClient over a real local server', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer({
      secrets: { [credentials.accessKeyId]: credentials.secretAccessKey },
    });
  });
  after(() => server.close());

  const client = (options: ConstructorParameters<typeof IamClient>[0] = {}) =>
    new IamClient({ endpoint: server.url, credentials, env: NO_SHARED_FILES, ...options });

  it('POSTs a signed form body and returns the typed output', async () => {
    server.script({ body: resultXml('CreateUser', userXml) });
    const output = await client().send('CreateUser', { UserName: 'ana', Path: '/' });

    assert.equal(output.User?.UserName, 'ana');
    assert.ok(output.User?.CreateDate instanceof Date);
    const request = server.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(
      request.headers['content-type'],
      'application/x-www-form-urlencoded; charset=utf-8',
    );
    assert.equal(request.body, 'Action=CreateUser&Version=2010-05-08&Path=%2F&UserName=ana');
    assert.deepEqual(request.verified, { ok: true });
    assert.match(String(request.headers.authorization), /\/us-east-1\/iam\/aws4_request/);
    assert.doesNotMatch(String(request.headers.authorization), /user-agent/);
  });

  it('sends the parameters in the query with httpMethod GET, signed', async () => {
    server.script({ body: resultXml('GetUser', userXml) });
    const output = await client({ httpMethod: 'GET' }).send('GetUser', { UserName: 'ana' });

    assert.equal(output.User?.Arn, 'arn:aws:iam::123456789012:user/ana');
    const request = server.requests.at(-1)!;
    assert.equal(request.method, 'GET');
    assert.equal(request.body, '');
    assert.equal(request.params.get('UserName'), 'ana');
    assert.deepEqual(request.verified, { ok: true });
  });

  it('offers one typed method per action through call', async () => {
    server.script({
      body: resultXml(
        'ListUsers',
        `<Users><member>${userXml.slice(6, -7)}</member></Users><IsTruncated>false</IsTruncated>`,
      ),
    });
    const output = await client().call.ListUsers();
    assert.equal(output.Users[0].UserName, 'ana');
    assert.equal(output.IsTruncated, false);
  });

  it('returns the request id and attempts with sendDetailed', async () => {
    server.script({ body: resultXml('DeleteUser') });
    const detailed = await client().sendDetailed('DeleteUser', { UserName: 'ana' });
    assert.deepEqual(detailed, {
      result: {},
      requestId: 'req-DeleteUser',
      status: 200,
      attempts: 1,
    });
  });

  it('raises AWS errors as typed IamErrors with code, status and request id', async () => {
    server.script({
      status: 404,
      body: errorXml('NoSuchEntity', 'The user with name bob cannot be found.'),
    });
    await assert.rejects(client().send('GetUser', { UserName: 'bob' }), (error: unknown) => {
      assert.ok(error instanceof IamError);
      assert.equal(error.code, 'NoSuchEntity');
      assert.equal(error.status, 404);
      assert.equal(error.requestId, 'req-error');
      assert.equal(error.retryable, false);
      return true;
    });
  });

  it('reports a wrong secret as SignatureDoesNotMatch', async () => {
    const wrong = client({ credentials: { ...credentials, secretAccessKey: 'wrong' } });
    await assert.rejects(wrong.send('ListUsers'), { code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('refuses an unknown action before sending anything, naming it', async () => {
    const before = server.requests.length;
    await assert.rejects(
      client().send('CreateUsr' as 'CreateUser', { UserName: 'x' }),
      (error: IamError) => error.code === 'UnknownOperation' && /CreateUsr/.test(error.message),
    );
    await assert.rejects(
      (client().call as unknown as Record<string, () => Promise<unknown>>).Frobnicate(),
      { code: 'UnknownOperation' },
    );
    assert.equal(server.requests.length, before);
  });

  it('refuses a missing required parameter before sending anything, naming it', async () => {
    const before = server.requests.length;
    await assert.rejects(
      client().send('CreateUser', {} as { UserName: string }),
      (error: IamError) =>
        error.code === 'MissingParameter' &&
        error.message.includes('CreateUser') &&
        error.message.includes('UserName'),
    );
    assert.equal(server.requests.length, before);
  });

  it('reads an HTML error page as UnexpectedResponse quoting the status', async () => {
    server.script({ status: 403, body: '<html><body>Forbidden by proxy</body></html>' });
    await assert.rejects(client().send('ListUsers'), (error: IamError) => {
      assert.equal(error.code, 'UnexpectedResponse');
      assert.match(error.message, /HTTP 403/);
      assert.match(error.message, /Forbidden by proxy/);
      return true;
    });
  });

  it('does not put the secret in errors or logs', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (f: object) => lines.push(JSON.stringify(f)),
      warn: (f: object) => lines.push(JSON.stringify(f)),
    };
    server.script({ status: 500, body: errorXml('ServiceFailure', 'boom', 'Receiver') });
    server.script({ body: resultXml('ListUsers', '<Users/><IsTruncated>false</IsTruncated>') });
    await client({ logger, retry: { sleep: async () => {} } }).send('ListUsers');
    assert.ok(lines.length >= 2);
    for (const line of lines) assert.ok(!line.includes(credentials.secretAccessKey));
  });
});

describe('StsClient', () => {
  it('signs for sts in the region of its regional endpoint', async () => {
    const server = await startScriptedServer({
      secrets: { [credentials.accessKeyId]: credentials.secretAccessKey },
    });
    try {
      server.script({
        body: resultXml(
          'GetCallerIdentity',
          '<UserId>AIDA1</UserId><Account>123456789012</Account>' +
            '<Arn>arn:aws:iam::123456789012:user/ana</Arn>',
          'https://sts.amazonaws.com/doc/2011-06-15/',
        ),
      });
      const sts = new StsClient({
        endpoint: server.url,
        region: 'eu-west-1',
        credentials,
        env: NO_SHARED_FILES,
      });
      const identity = await sts.send('GetCallerIdentity');
      assert.equal(identity.Account, '123456789012');
      const request = server.requests.at(-1)!;
      assert.match(String(request.headers.authorization), /\/eu-west-1\/sts\/aws4_request/);
      assert.equal(request.params.get('Version'), '2011-06-15');
    } finally {
      await server.close();
    }
  });
});
