import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { iamModel, parseResponse, stsModel } from '../src/index.js';
import { smallModel } from './helpers/small-model.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

// Builds an IAM response body the way AWS lays it out, indentation included.
function iamBody(operation: string, result: string | undefined, requestId = 'req-1'): string {
  const wrapped =
    result === undefined ? '' : `\n  <${operation}Result>${result}</${operation}Result>`;
  return `<${operation}Response xmlns="${IAM_NS}">${wrapped}
  <ResponseMetadata>
    <RequestId>${requestId}</RequestId>
  </ResponseMetadata>
</${operation}Response>
`;
}

const encodedPolicy = '%7B%22Version%22%3A%20%222012-10-17%22%2C%22A%22%3A%22a%2Bb%22%7D';

const user = (name: string, extra = '') => `
      <Path>/</Path>
      <UserName>${name}</UserName>
      <UserId>AIDA${name.toUpperCase()}</UserId>
      <Arn>arn:aws:iam::000000000000:user/${name}</Arn>
      <CreateDate>2024-01-02T03:04:05Z</CreateDate>${extra}`;

describe('parseResponse', () => {
  const cases: Array<{ name: string; run: () => unknown; expected: unknown }> = [
    {
      name: 'a structure with a timestamp, and absent optional members left out',
      run: () =>
        parseResponse(iamModel, 'GetUser', iamBody('GetUser', `<User>${user('ana')}</User>`)),
      expected: {
        requestId: 'req-1',
        result: {
          User: {
            Path: '/',
            UserName: 'ana',
            UserId: 'AIDAANA',
            Arn: 'arn:aws:iam::000000000000:user/ana',
            CreateDate: new Date('2024-01-02T03:04:05Z'),
          },
        },
      },
    },
    {
      name: 'a list of several members, a boolean and a marker',
      run: () =>
        parseResponse(
          iamModel,
          'ListUsers',
          iamBody(
            'ListUsers',
            `<Users><member>${user('a')}</member><member>${user('b')}</member></Users>
             <IsTruncated>true</IsTruncated><Marker>000123</Marker>`,
          ),
        ).result,
      expected: {
        Users: ['a', 'b'].map((name) => ({
          Path: '/',
          UserName: name,
          UserId: `AIDA${name.toUpperCase()}`,
          Arn: `arn:aws:iam::000000000000:user/${name}`,
          CreateDate: new Date('2024-01-02T03:04:05Z'),
        })),
        IsTruncated: true,
        Marker: '000123',
      },
    },
    {
      name: 'a single member still as an array, with nested tags',
      run: () =>
        parseResponse(
          iamModel,
          'ListUserTags',
          iamBody(
            'ListUserTags',
            `<Tags><member><Key>team</Key><Value>ops</Value></member></Tags>
             <IsTruncated>false</IsTruncated>`,
          ),
        ).result,
      expected: { Tags: [{ Key: 'team', Value: 'ops' }], IsTruncated: false },
    },
    {
      name: 'an empty list element as []',
      run: () =>
        parseResponse(
          iamModel,
          'ListUsers',
          iamBody('ListUsers', '<Users/><IsTruncated>false</IsTruncated>'),
        ).result,
      expected: { Users: [], IsTruncated: false },
    },
    {
      name: 'an empty list written with whitespace inside as []',
      run: () =>
        parseResponse(iamModel, 'ListUsers', iamBody('ListUsers', '<Users>\n    </Users>')).result,
      expected: { Users: [] },
    },
    {
      name: 'numeric-looking strings kept as text',
      run: () =>
        parseResponse(
          stsModel,
          'GetCallerIdentity',
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::000000000000:user/1e5</Arn>
    <UserId>1e5</UserId>
    <Account>000000000000</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`,
        ).result,
      expected: {
        Arn: 'arn:aws:iam::000000000000:user/1e5',
        UserId: '1e5',
        Account: '000000000000',
      },
    },
    {
      name: 'a map with enum keys and integer values',
      run: () =>
        parseResponse(
          iamModel,
          'GetAccountSummary',
          iamBody(
            'GetAccountSummary',
            `<SummaryMap>
              <entry><key>Users</key><value>27</value></entry>
              <entry><key>UsersQuota</key><value>5000</value></entry>
            </SummaryMap>`,
          ),
        ).result,
      expected: { SummaryMap: { Users: 27, UsersQuota: 5000 } },
    },
    {
      name: 'a map with one entry',
      run: () =>
        parseResponse(
          iamModel,
          'GetMFADevice',
          iamBody(
            'GetMFADevice',
            `<SerialNumber>arn:aws:iam::000000000000:mfa/x</SerialNumber>
             <Certifications><entry><key>FIPS</key><value>140-2</value></entry></Certifications>`,
          ),
        ).result,
      expected: {
        SerialNumber: 'arn:aws:iam::000000000000:mfa/x',
        Certifications: { FIPS: '140-2' },
      },
    },
    {
      name: 'integers and booleans of a password policy',
      run: () =>
        parseResponse(
          iamModel,
          'GetAccountPasswordPolicy',
          iamBody(
            'GetAccountPasswordPolicy',
            `<PasswordPolicy><MinimumPasswordLength>14</MinimumPasswordLength>
             <RequireSymbols>false</RequireSymbols><ExpirePasswords>true</ExpirePasswords>
             <MaxPasswordAge>90</MaxPasswordAge></PasswordPolicy>`,
          ),
        ).result,
      expected: {
        PasswordPolicy: {
          MinimumPasswordLength: 14,
          RequireSymbols: false,
          ExpirePasswords: true,
          MaxPasswordAge: 90,
        },
      },
    },
    {
      name: 'a URL-encoded policy document decoded, and XML entities',
      run: () =>
        parseResponse(
          iamModel,
          'GetUserPolicy',
          iamBody(
            'GetUserPolicy',
            `<UserName>a&amp;b</UserName><PolicyName>p&lt;1&gt;</PolicyName>
             <PolicyDocument>${encodedPolicy}</PolicyDocument>`,
          ),
        ).result,
      expected: {
        UserName: 'a&b',
        PolicyName: 'p<1>',
        PolicyDocument: '{"Version": "2012-10-17","A":"a+b"}',
      },
    },
    {
      name: 'nested lists of structures holding lists and policy documents',
      run: () =>
        parseResponse(
          iamModel,
          'GetAccountAuthorizationDetails',
          iamBody(
            'GetAccountAuthorizationDetails',
            `<UserDetailList><member><UserName>ana</UserName>
               <GroupList><member>devs</member><member>ops</member></GroupList>
               <UserPolicyList><member><PolicyName>p</PolicyName>
                 <PolicyDocument>%7B%7D</PolicyDocument></member></UserPolicyList>
               <AttachedManagedPolicies/>
             </member></UserDetailList><IsTruncated>false</IsTruncated>`,
          ),
        ).result,
      expected: {
        UserDetailList: [
          {
            UserName: 'ana',
            GroupList: ['devs', 'ops'],
            UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '{}' }],
            AttachedManagedPolicies: [],
          },
        ],
        IsTruncated: false,
      },
    },
    {
      name: 'blobs decoded from base64',
      run: () =>
        parseResponse(
          iamModel,
          'GetCredentialReport',
          iamBody(
            'GetCredentialReport',
            `<Content>dXNlcixhcm4K</Content><ReportFormat>text/csv</ReportFormat>
             <GeneratedTime>2024-05-06T07:08:09.123Z</GeneratedTime>`,
          ),
        ).result,
      expected: {
        Content: new Uint8Array(Buffer.from('user,arn\n')),
        ReportFormat: 'text/csv',
        GeneratedTime: new Date('2024-05-06T07:08:09.123Z'),
      },
    },
    {
      name: 'an operation without output: only the request id',
      run: () => parseResponse(iamModel, 'DeleteUser', iamBody('DeleteUser', undefined, 'r-9')),
      expected: { result: {}, requestId: 'r-9' },
    },
    {
      name: 'text with leading and trailing spaces kept',
      run: () =>
        parseResponse(
          iamModel,
          'ListAccountAliases',
          iamBody('ListAccountAliases', '<AccountAliases><member> a </member></AccountAliases>'),
        ).result,
      expected: { AccountAliases: [' a '] },
    },
    {
      name: 'wire names, flattened lists and flattened maps',
      run: () =>
        parseResponse(
          smallModel,
          'PutThing',
          `<PutThingResponse><PutThingResult>
             <Labels><entry><key>a</key><value>1</value></entry></Labels>
             <Renamed><entry><Name>x</Name><Amount>7</Amount></entry></Renamed>
             <Flat>p</Flat><Flat>q</Flat>
             <Items><item><Id>i</Id></item></Items>
             <FlatMap><key>k</key><value>v</value></FlatMap>
           </PutThingResult></PutThingResponse>`,
        ).result,
      expected: {
        Labels: { a: '1' },
        Renamed: { x: 7 },
        Flat: ['p', 'q'],
        Items: [{ Id: 'i' }],
        FlatMap: { k: 'v' },
      },
    },
  ];

  for (const { name, run, expected } of cases) {
    it(name, () => assert.deepStrictEqual(run(), expected));
  }

  it('gives a map key named __proto__ as an own entry', () => {
    const body = iamBody(
      'GetMFADevice',
      `<SerialNumber>s</SerialNumber><Certifications><entry><key>__proto__</key>
       <value>x</value></entry></Certifications>`,
    );
    const { result } = parseResponse(iamModel, 'GetMFADevice', body);
    assert.equal(Object.getPrototypeOf(result.Certifications), Object.prototype);
    assert.deepEqual(Object.keys(result.Certifications!), ['__proto__']);
  });

  const malformed: Array<[string, string]> = [
    ['a number that is not one', iamBody('ListUsers', '<Users/><IsTruncated>maybe</IsTruncated>')],
    [
      'a timestamp that is not one',
      iamBody('GetUser', `<User><CreateDate>soon</CreateDate></User>`),
    ],
    ['text that is not XML', '<GetUserResponse><User>'],
  ];
  for (const [name, body] of malformed) {
    it(`rejects ${name} with MalformedResponse`, () => {
      assert.throws(
        () => parseResponse(iamModel, body.includes('ListUsers') ? 'ListUsers' : 'GetUser', body),
        {
          code: 'MalformedResponse',
        },
      );
    });
  }

  it('throws the AWS error when a 200 body is an error response', () => {
    const body =
      '<ErrorResponse><Error><Code>Throttling</Code><Message>slow</Message></Error>' +
      '</ErrorResponse>';
    assert.throws(() => parseResponse(iamModel, 'GetUser', body), {
      code: 'Throttling',
      retryable: true,
    });
  });
});
