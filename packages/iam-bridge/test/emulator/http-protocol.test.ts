import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { emulatorActions, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, send, xmlText } from './http-support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('emulator HTTP: routing and the Query protocol', () => {
  let emulator: RunningEmulator;
  const logged: Array<{ fields: any; message: string }> = [];
  before(async () => {
    emulator = await startEmulator({
      memory: true,
      logger: {
        info: () => {},
        error: (fields, message) => logged.push({ fields, message }),
      },
    });
  });
  after(() => emulator.stop());

  it('answers a POST form with text/xml, the request id in header and body', async () => {
    const answer = await call(emulator.url, 'CreateUser', { UserName: 'ana', Path: '/ops/' });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type')!, /^text\/xml/);
    const requestId = answer.headers.get('x-amzn-requestid')!;
    assert.match(requestId, UUID);
    assert.equal(xmlText(answer.body, 'RequestId'), requestId);
    assert.match(answer.body, /^<CreateUserResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\//);
    assert.equal(xmlText(answer.body, 'Arn'), 'arn:aws:iam::123456789012:user/ops/ana');
  });

  it('answers a signed GET with the parameters in the query, on any path', async () => {
    const answer = await call(
      emulator.url,
      'GetUser',
      { UserName: 'ana' },
      {
        method: 'GET',
        path: '/some/path',
      },
    );
    assert.equal(answer.status, 200, answer.body);
    assert.equal(xmlText(answer.body, 'UserName'), 'ana');
  });

  it('writes policy documents URL-encoded, as IAM does', async () => {
    const document =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",' +
      '"Resource":"*"}]}';
    await call(emulator.url, 'PutUserPolicy', {
      UserName: 'ana',
      PolicyName: 'p',
      PolicyDocument: document,
    });
    const answer = await call(emulator.url, 'GetUserPolicy', { UserName: 'ana', PolicyName: 'p' });
    const wire = xmlText(answer.body, 'PolicyDocument')!;
    assert.ok(wire.startsWith('%7B%22Version%22'), wire);
    assert.equal(decodeURIComponent(wire), document);
  });

  it('serves STS GetCallerIdentity on the same endpoint, signed for sts in a region', async () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const answer = await call(emulator.url, 'GetCallerIdentity', {}, { region });
      assert.equal(answer.status, 200, answer.body);
      assert.match(answer.body, /xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"/);
      assert.equal(xmlText(answer.body, 'Arn'), 'arn:aws:iam::123456789012:root');
      assert.equal(xmlText(answer.body, 'Account'), '123456789012');
    }
  });

  const routingCases: Array<[string, Record<string, string>, string, string]> = [
    [
      'unknown action',
      { Action: 'ListUzers', Version: '2010-05-08' },
      'InvalidAction',
      'Could not find operation ListUzers for version 2010-05-08',
    ],
    [
      'missing version',
      { Action: 'ListUsers' },
      'InvalidAction',
      'Could not find operation ListUsers for version NO_VERSION_SPECIFIED',
    ],
    [
      'wrong version',
      { Action: 'ListUsers', Version: '2011-06-15' },
      'InvalidAction',
      'Could not find operation ListUsers for version 2011-06-15',
    ],
    [
      'empty version',
      { Action: 'ListUsers', Version: '' },
      'InvalidAction',
      'Could not find operation ListUsers for version ',
    ],
    [
      'missing action',
      { Version: '2010-05-08' },
      'MissingAction',
      'The request must contain the parameter Action.',
    ],
  ];
  for (const [title, params, code, message] of routingCases) {
    it(`answers ${title} with ${code} 400, before any signature is needed`, async () => {
      const answer = await send(`${emulator.url}/?${new URLSearchParams(params)}`);
      assert.equal(answer.status, 400);
      assert.equal(answer.code, code);
      assert.equal(answer.message, message);
      assert.equal(answer.type, 'Sender');
    });
  }

  it('takes the first of repeated Action parameters, as AWS does', async () => {
    const answer = await call(emulator.url, 'ListUsers', { Action: 'NoSuchThing' });
    assert.equal(answer.status, 200, answer.body);
  });

  it('answers an IAM action the emulator lacks with NotImplemented 501', async () => {
    const answer = await call(emulator.url, 'CreateRole', {
      RoleName: 'r',
      AssumeRolePolicyDocument: '{}',
    });
    assert.equal(answer.status, 501);
    assert.equal(answer.code, 'NotImplemented');
    assert.equal(answer.message, 'CreateRole is not implemented by the iam-bridge emulator');
  });

  it('refuses an unsigned request with MissingAuthenticationToken 403', async () => {
    const answer = await send(`${emulator.url}/?Action=ListUsers&Version=2010-05-08`);
    assert.equal(answer.status, 403);
    assert.equal(answer.code, 'MissingAuthenticationToken');
  });

  it('answers bad input with ValidationError 400 in AWS wording', async () => {
    const answer = await call(emulator.url, 'CreateUser', { UserName: 'bad name!' });
    assert.equal(answer.status, 400);
    assert.equal(answer.code, 'ValidationError');
    assert.equal(
      answer.message,
      "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy " +
        'constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    );
    const range = await call(emulator.url, 'ListUsers', { MaxItems: '0' });
    assert.equal(range.code, 'ValidationError');
    assert.match(range.message!, /at 'maxItems' failed to satisfy constraint/);
    const type = await call(emulator.url, 'ListUsers', { MaxItems: 'many' });
    assert.equal(type.code, 'ValidationError');
  });

  it('refuses a body above the limit with an XML error, not a crash', async () => {
    const answer = await call(emulator.url, 'CreateUser', {
      UserName: 'big',
      Padding: 'x'.repeat(1024 * 1024 + 10),
    });
    assert.equal(answer.status, 413);
    assert.equal(answer.code, 'RequestEntityTooLarge');
  });

  it('answers other methods with an XML error', async () => {
    const answer = await send(`${emulator.url}/`, 'PUT');
    assert.equal(answer.status, 405);
    assert.equal(answer.code, 'MethodNotAllowed');
  });

  it('turns an unexpected exception into ServiceFailure 500 and logs its stack', async () => {
    const original = emulatorActions.GetUser!;
    emulatorActions.GetUser = () => {
      throw new TypeError('boom');
    };
    try {
      const answer = await call(emulator.url, 'GetUser', { UserName: 'ana' });
      assert.equal(answer.status, 500);
      assert.equal(answer.code, 'ServiceFailure');
      assert.equal(answer.type, 'Receiver');
      const entry = logged.find((line) => line.message === 'unexpected failure');
      assert.ok(entry, 'the failure was logged');
      assert.match(String(entry.fields.err.stack), /TypeError: boom/);
    } finally {
      emulatorActions.GetUser = original;
    }
  });

  it('never answers garbage with a 5xx', async () => {
    const param = fc.stringMatching(/^[A-Za-z.0-9%+=&-]{0,12}$/);
    const actions = fc.constantFrom('CreateUser', 'ListUsers', 'TagUser', 'PutUserPolicy', 'X');
    await fc.assert(
      fc.asyncProperty(
        actions,
        fc.array(fc.tuple(param, fc.string({ maxLength: 40 })), { maxLength: 6 }),
        fc.boolean(),
        async (action, extra, signed) => {
          const params = Object.fromEntries(extra);
          const answer = signed
            ? await call(emulator.url, action, params)
            : await send(`${emulator.url}/?Action=${action}&${new URLSearchParams(params)}`);
          assert.ok(answer.status < 500, `${answer.status} ${answer.body}`);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
    const raw = [
      '%',
      '%zz=%',
      'Action=%E0%A4%A',
      'Action=CreateUser&Version=2010-05-08&Tags.member.x.Key=1',
      'Action=CreateUser&Version=2010-05-08&UserName=__proto__',
      '&&&=&',
    ];
    for (const body of raw) {
      const answer = await send(
        `${emulator.url}/`,
        'POST',
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      );
      assert.ok(answer.status < 500, `${body}: ${answer.status} ${answer.body}`);
    }
    const json = await send(
      `${emulator.url}/`,
      'POST',
      { 'content-type': 'application/json' },
      '{',
    );
    assert.equal(json.code, 'MissingAction');
  });
});
