import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signForm } from '../../web/src/form-signing.js';
import { CREATE_USER_PRESET, EMPTY_FORM } from '../../web/src/form-values.js';
import { signingKeySteps } from '../../web/src/signing-key-steps.js';

describe('signForm (Web Crypto on Node)', () => {
  it('signs the CreateUser preset to the documented signature', async () => {
    const outcome = await signForm(CREATE_USER_PRESET);
    assert.ok('signed' in outcome, JSON.stringify(outcome.errors));
    assert.equal(
      outcome.signed.explanation.signature,
      '98ecc55e42480ecd4c159bae3d7d6ba0fdb5075dcd2e0f96ab1defea14c58cf7',
    );
    assert.equal(outcome.signed.mode, 'query');
  });

  it('computes the four HMAC steps ending in the key the signer used', async () => {
    const outcome = await signForm(CREATE_USER_PRESET);
    assert.ok('signed' in outcome);
    const steps = await signingKeySteps(
      CREATE_USER_PRESET.secretAccessKey,
      '20200718',
      'us-east-1',
      'iam',
    );
    assert.deepEqual(
      steps.map((s) => s.name),
      ['kDate', 'kRegion', 'kService', 'kSigning'],
    );
    assert.equal(steps[3].hex, outcome.signed.explanation.signingKey);
  });

  it('reports every bad field at once, each with its SigV4Error code', async () => {
    const outcome = await signForm({
      ...CREATE_USER_PRESET,
      url: 'not a url',
      expiresIn: '604801',
      headers: 'no colon',
      date: 'yesterday',
      secretAccessKey: '',
    });
    assert.ok(!('signed' in outcome));
    assert.deepEqual(outcome.errors.map((e) => `${e.field}:${e.code}`).sort(), [
      'date:InvalidDate',
      'expiresIn:InvalidExpires',
      'headers:InvalidHeaderName',
      'secretAccessKey:MissingCredentials',
      'url:InvalidUrl',
    ]);
  });

  it('asks for the service when the host is not an AWS host', async () => {
    const outcome = await signForm({
      ...EMPTY_FORM,
      url: 'https://example.com/',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
    });
    assert.deepEqual(
      outcome.errors.map((e) => e.field),
      ['service'],
    );
  });

  it('signs a header-mode request with its Authorization header', async () => {
    const outcome = await signForm({
      ...CREATE_USER_PRESET,
      mode: 'header',
      method: 'POST',
      url: 'https://iam.amazonaws.com/',
      headers: 'Content-Type: application/x-www-form-urlencoded; charset=utf-8',
      body: 'Action=ListUsers&Version=2010-05-08',
    });
    assert.ok('signed' in outcome);
    const authorization = outcome.signed.headers.authorization;
    assert.ok(
      authorization.startsWith(
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20200718/us-east-1/iam/aws4_request, ' +
          'SignedHeaders=content-type;host;x-amz-date, Signature=',
      ),
      authorization,
    );
    assert.match(authorization, /Signature=[0-9a-f]{64}$/);
  });
});
