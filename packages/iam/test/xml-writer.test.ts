import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { escapeXml, iamModel, stsModel, writeErrorResponse, writeResponse } from '../src/index.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const metadata = (id: string) =>
  `<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata>`;

describe('writeResponse', () => {
  const cases: Array<{ name: string; run: () => string; expected: string }> = [
    {
      name: 'wraps the result and adds the request id',
      run: () =>
        writeResponse(
          iamModel,
          'CreateUser',
          {
            User: {
              Path: '/',
              UserName: 'ana',
              UserId: 'AIDA0000000000000001',
              Arn: 'arn:aws:iam::000000000000:user/ana',
              CreateDate: new Date('2024-01-01T00:00:00Z'),
              Tags: [{ Key: 'team', Value: 'ops' }],
            },
          },
          'r-1',
        ),
      expected:
        `<CreateUserResponse xmlns="${IAM_NS}"><CreateUserResult><User><Path>/</Path>` +
        '<UserName>ana</UserName><UserId>AIDA0000000000000001</UserId>' +
        '<Arn>arn:aws:iam::000000000000:user/ana</Arn>' +
        '<CreateDate>2024-01-01T00:00:00Z</CreateDate>' +
        '<Tags><member><Key>team</Key><Value>ops</Value></member></Tags>' +
        `</User></CreateUserResult>${metadata('r-1')}</CreateUserResponse>`,
    },
    {
      name: 'writes only the metadata for an operation without output',
      run: () => writeResponse(iamModel, 'DeleteUser', {}, 'r-2'),
      expected: `<DeleteUserResponse xmlns="${IAM_NS}">${metadata('r-2')}</DeleteUserResponse>`,
    },
    {
      name: 'writes an empty list as an empty element, booleans and markers',
      run: () => writeResponse(iamModel, 'ListUsers', { Users: [], IsTruncated: false }, 'r-3'),
      expected:
        `<ListUsersResponse xmlns="${IAM_NS}"><ListUsersResult><Users/>` +
        `<IsTruncated>false</IsTruncated></ListUsersResult>${metadata('r-3')}</ListUsersResponse>`,
    },
    {
      name: 'URL-encodes policy documents and escapes text',
      run: () =>
        writeResponse(
          iamModel,
          'GetUserPolicy',
          { UserName: 'a&b', PolicyName: '<p>', PolicyDocument: '{"A": "a+b"}' },
          'r-4',
        ),
      expected:
        `<GetUserPolicyResponse xmlns="${IAM_NS}"><GetUserPolicyResult>` +
        '<UserName>a&amp;b</UserName><PolicyName>&lt;p&gt;</PolicyName>' +
        '<PolicyDocument>%7B%22A%22%3A%20%22a%2Bb%22%7D</PolicyDocument>' +
        `</GetUserPolicyResult>${metadata('r-4')}</GetUserPolicyResponse>`,
    },
    {
      name: 'writes maps as entry/key/value, numbers as decimal text',
      run: () => writeResponse(iamModel, 'GetAccountSummary', { SummaryMap: { Users: 3 } }, 'r-5'),
      expected:
        `<GetAccountSummaryResponse xmlns="${IAM_NS}"><GetAccountSummaryResult><SummaryMap>` +
        '<entry><key>Users</key><value>3</value></entry></SummaryMap>' +
        `</GetAccountSummaryResult>${metadata('r-5')}</GetAccountSummaryResponse>`,
    },
    {
      name: 'uses the STS namespace and keeps milliseconds when present',
      run: () =>
        writeResponse(
          stsModel,
          'GetSessionToken',
          {
            Credentials: {
              AccessKeyId: 'ASIA0000000000000000',
              SecretAccessKey: 's',
              SessionToken: 't',
              Expiration: new Date('2024-01-01T12:00:00.250Z'),
            },
          },
          'r-6',
        ),
      expected:
        `<GetSessionTokenResponse xmlns="${STS_NS}"><GetSessionTokenResult><Credentials>` +
        '<AccessKeyId>ASIA0000000000000000</AccessKeyId><SecretAccessKey>s</SecretAccessKey>' +
        '<SessionToken>t</SessionToken><Expiration>2024-01-01T12:00:00.250Z</Expiration>' +
        `</Credentials></GetSessionTokenResult>${metadata('r-6')}</GetSessionTokenResponse>`,
    },
  ];

  for (const { name, run, expected } of cases) {
    it(name, () => assert.equal(run(), expected));
  }
});

describe('writeErrorResponse', () => {
  it('writes the IAM error layout', () => {
    const xml = writeErrorResponse({
      type: 'Sender',
      code: 'NoSuchEntity',
      message: 'The user with name <bob> cannot be found.',
      requestId: 'r-7',
    });
    assert.equal(
      xml,
      `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
        '<Message>The user with name &lt;bob&gt; cannot be found.</Message></Error>' +
        '<RequestId>r-7</RequestId></ErrorResponse>',
    );
  });

  it('takes another namespace for STS', () => {
    const xml = writeErrorResponse({
      type: 'Receiver',
      code: 'ServiceUnavailable',
      message: 'later',
      requestId: 'r-8',
      xmlNamespace: stsModel.xmlNamespace,
    });
    assert.ok(xml.startsWith(`<ErrorResponse xmlns="${STS_NS}"><Error><Type>Receiver</Type>`));
  });
});

describe('escapeXml', () => {
  const cases: Array<[string, string]> = [
    ['a&b', 'a&amp;b'],
    ['<x>', '&lt;x&gt;'],
    [`"'`, '&quot;&apos;'],
    ['line\r\nbreak', 'line&#13;\nbreak'],
    ['plain é😀', 'plain é😀'],
  ];
  for (const [input, expected] of cases) {
    it(`escapes ${JSON.stringify(input)}`, () => assert.equal(escapeXml(input), expected));
  }
});
