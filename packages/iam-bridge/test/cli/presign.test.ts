import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presignUrl } from '@iam-bridge/sigv4';
import { exampleKeys, runCli } from './run-cli.js';

const createUserUrl =
  'https://iam.amazonaws.com/?Action=CreateUser&UserName=TestAPCUser&Version=2010-05-08';
const expectedUrl =
  createUserUrl +
  '&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20200718%2Fus-east-1%2Fiam%2Faws4_request' +
  '&X-Amz-Date=20200718T211159Z&X-Amz-Expires=30&X-Amz-SignedHeaders=host' +
  '&X-Amz-Signature=98ecc55e42480ecd4c159bae3d7d6ba0fdb5075dcd2e0f96ab1defea14c58cf7';
const example = ['presign', '--url', createUserUrl, '--expires', '30'];
const date = ['--date', '20200718T211159Z'];

describe('iam-bridge presign', { concurrency: true }, () => {
  it('prints the IAM CreateUser example URL byte for byte', async () => {
    const result = await runCli([...example, ...date], { env: exampleKeys });
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, expectedUrl + '\n');
    assert.match(result.stdout, /X-Amz-Algorithm=AWS4-HMAC-SHA256&/);
  });

  it('prints the same URL for an ISO 8601 date and keys given as flags', async () => {
    const result = await runCli([
      ...example,
      '--date',
      '2020-07-18T21:11:59Z',
      '--access-key-id',
      exampleKeys.AWS_ACCESS_KEY_ID,
      '--secret-access-key',
      exampleKeys.AWS_SECRET_ACCESS_KEY,
    ]);
    assert.equal(result.stdout, expectedUrl + '\n');
  });

  it('prints one JSON object with the URL, the steps and the expiry', async () => {
    const result = await runCli([...example, ...date, '--json'], { env: exampleKeys });
    assert.equal(result.code, 0);
    const json = JSON.parse(result.stdout);
    const library = presignUrl(
      { url: createUserUrl },
      {
        credentials: {
          accessKeyId: exampleKeys.AWS_ACCESS_KEY_ID,
          secretAccessKey: exampleKeys.AWS_SECRET_ACCESS_KEY,
        },
        expiresIn: 30,
        date: '20200718T211159Z',
      },
    );
    assert.equal(json.url, expectedUrl);
    assert.equal(json.method, 'GET');
    assert.equal(json.canonicalRequest, library.explanation.canonicalRequest);
    assert.equal(json.stringToSign, library.explanation.stringToSign);
    assert.equal(
      json.signature,
      '98ecc55e42480ecd4c159bae3d7d6ba0fdb5075dcd2e0f96ab1defea14c58cf7',
    );
    assert.equal(json.credentialScope, '20200718/us-east-1/iam/aws4_request');
    assert.equal(json.signedHeaders, 'host');
    assert.equal(json.amzDate, '20200718T211159Z');
    assert.equal(json.signedAt, '2020-07-18T21:11:59.000Z');
    assert.equal(json.expiresAt, '2020-07-18T21:12:29.000Z');
    assert.equal(json.expiresIn, 30);
    assert.equal(json.signingKey, undefined);
    assert.match(json.stringToSign, /^AWS4-HMAC-SHA256\n20200718T211159Z\n/);
  });

  it('lets --region and --service override what the host implies', async () => {
    const result = await runCli(
      [...example, ...date, '--region', 'eu-west-1', '--service', 'sts', '--json'],
      { env: exampleKeys },
    );
    assert.equal(JSON.parse(result.stdout).credentialScope, '20200718/eu-west-1/sts/aws4_request');
  });

  it('takes the region from AWS_REGION for a host that implies none', async () => {
    const result = await runCli(
      ['presign', '--url', 'http://127.0.0.1:4566/?Action=ListUsers', '--service', 'iam', '--json'],
      { env: { ...exampleKeys, AWS_REGION: 'eu-central-1' } },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(JSON.parse(result.stdout).credentialScope, /\/eu-central-1\/iam\/aws4_request$/);
  });

  it('keeps the partition region of the IAM host over AWS_REGION', async () => {
    const result = await runCli([...example, ...date, '--json'], {
      env: { ...exampleKeys, AWS_REGION: 'eu-west-1' },
    });
    assert.equal(JSON.parse(result.stdout).credentialScope, '20200718/us-east-1/iam/aws4_request');
  });

  it('signs the session token into the query, or appends it after the signature', async () => {
    const env = { ...exampleKeys, AWS_SESSION_TOKEN: 'token/with+chars' };
    const [signed, appended] = await Promise.all([
      runCli([...example, ...date, '--json'], { env }),
      runCli([...example, ...date, '--json', '--session-token-mode', 'appended'], { env }),
    ]);
    const signedJson = JSON.parse(signed.stdout);
    assert.match(signedJson.canonicalRequest, /X-Amz-Security-Token=token%2Fwith%2Bchars/);
    assert.match(signedJson.url, /X-Amz-Security-Token=.*&X-Amz-Signature=[0-9a-f]{64}$/);
    const appendedJson = JSON.parse(appended.stdout);
    assert.doesNotMatch(appendedJson.canonicalRequest, /X-Amz-Security-Token/);
    assert.match(appendedJson.url, /X-Amz-Signature=[0-9a-f]{64}&X-Amz-Security-Token=/);
  });

  it('prints a curl command, the four steps, and the signing key when asked', async () => {
    const [curl, explain] = await Promise.all([
      runCli([...example, ...date, '--curl'], { env: exampleKeys }),
      runCli([...example, ...date, '--explain', '--show-signing-key'], { env: exampleKeys }),
    ]);
    assert.equal(curl.stdout, `curl '${expectedUrl}'\n`);
    assert.match(explain.stdout, /Step 1: canonical request[\s\S]*Step 4: signature/);
    assert.match(
      explain.stdout,
      /kSigning = HMAC-SHA256\(kService, "aws4_request"\) = [0-9a-f]{64}/,
    );
    assert.ok(explain.stdout.endsWith(expectedUrl + '\n'));
  });
});
