// SigV4 callers: requests signed with gateway-issued credentials, checked by verifyRequest.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { presignUrl, signRequest } from '@iam-bridge/sigv4';

import { createApiKey } from '../../src/gateway/auth/api-keys.js';
import { SIGV4_SCOPE, sigv4Credentials } from '../../src/gateway/auth/sigv4-callers.js';
import { startTestGateway, type TestGateway } from './support.js';

const secret = 'a-test-secret-of-at-least-32-characters!';

describe('SigV4 callers', () => {
  let g: TestGateway;
  let credentials: { accessKeyId: string; secretAccessKey: string };
  let readOnly: { accessKeyId: string; secretAccessKey: string };
  let keyId: string;

  before(async () => {
    g = await startTestGateway({ sigv4Secret: secret });
    const store = g.gateway.context.store;
    const writer = await createApiKey(store, { name: 'signer', scopes: ['write'] });
    keyId = writer.record.id;
    credentials = sigv4Credentials(secret, keyId);
    const reader = await createApiKey(store, { name: 'signed-reader', scopes: ['read'] });
    readOnly = sigv4Credentials(secret, reader.record.id);
  });
  after(() => g?.stop());

  const signed = (
    method: string,
    path: string,
    body?: string,
    keys: { accessKeyId: string; secretAccessKey: string } = credentials,
  ) => {
    const request = signRequest(
      {
        method,
        url: `${g.url}${path}`,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      },
      { credentials: keys, ...SIGV4_SCOPE },
    );
    return fetch(request.url, {
      method,
      headers: request.headers,
      ...(body === undefined ? {} : { body }),
    });
  };

  test('a signed POST with a JSON body creates a user and is audited under the key', async () => {
    const answer = await signed('POST', '/v1/users', JSON.stringify({ userName: 'signed-ana' }));
    assert.equal(answer.status, 201, await answer.clone().text());
    const got = await signed('GET', '/v1/users/signed-ana');
    assert.equal(got.status, 200);
    const audit = await g.call('GET', '/v1/audit?target=user/signed-ana');
    assert.match(audit.body.entries[0].caller, new RegExp(`^key:${keyId} \\(signer\\)`));
  });

  test('a presigned GET works; scopes apply as for API keys', async () => {
    const url = presignUrl(
      { method: 'GET', url: `${g.url}/v1/users/signed-ana` },
      { credentials: readOnly, ...SIGV4_SCOPE, expiresIn: 60 },
    ).url;
    assert.equal((await fetch(url)).status, 200);
    // A route with query parameters of its own sees those, not the signature's.
    const listUrl = presignUrl(
      { method: 'GET', url: `${g.url}/v1/users?limit=5` },
      { credentials: readOnly, ...SIGV4_SCOPE, expiresIn: 60 },
    ).url;
    const listed = await fetch(listUrl);
    assert.equal(listed.status, 200, await listed.clone().text());
    assert.ok(Array.isArray(((await listed.json()) as any).users));
    const refused = await signed('POST', '/v1/users', JSON.stringify({ userName: 'x' }), readOnly);
    assert.equal(refused.status, 403);
  });

  test('a changed body, a wrong secret or an unknown key id is refused with AWS codes', async () => {
    const request = signRequest(
      {
        method: 'POST',
        url: `${g.url}/v1/users`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userName: 'signed-bob' }),
      },
      { credentials, ...SIGV4_SCOPE },
    );
    const tampered = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: JSON.stringify({ userName: 'signed-eve' }),
    });
    assert.equal(tampered.status, 401);
    assert.equal(((await tampered.json()) as any).error.code, 'SignatureDoesNotMatch');

    const wrong = await signed('GET', '/v1/users/signed-ana', undefined, {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: 'not-the-secret',
    });
    assert.equal(wrong.status, 401);
    const unknown = await signed('GET', '/v1/users/signed-ana', undefined, {
      accessKeyId: 'IBGW000000000000',
      secretAccessKey: 'whatever',
    });
    assert.equal(unknown.status, 401);
    assert.equal(((await unknown.json()) as any).error.code, 'InvalidClientTokenId');
    assert.equal((await g.call('GET', '/v1/users/signed-eve')).status, 404);
  });

  test('revoking the API key revokes its SigV4 credentials', async () => {
    await g.gateway.context.store.revokeApiKey(keyId, new Date().toISOString());
    assert.equal((await signed('GET', '/v1/users/signed-ana')).status, 401);
  });

  test('without sigv4Secret, signed requests are refused', async () => {
    const plain = await startTestGateway();
    try {
      const request = signRequest(
        { method: 'GET', url: `${plain.url}/v1/users` },
        { credentials, ...SIGV4_SCOPE },
      );
      const answer = await fetch(request.url, { headers: request.headers });
      assert.equal(answer.status, 401);
    } finally {
      await plain.stop();
    }
  });
});
