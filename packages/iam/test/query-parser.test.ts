import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IamError, decodeForm, iamModel, parseQueryParams, stsModel } from '../src/index.js';

describe('parseQueryParams', () => {
  const cases: Array<{ name: string; run: () => unknown; expected: unknown }> = [
    {
      name: 'reads members, nested list elements in numeric order, and ignores Action/Version',
      run: () =>
        parseQueryParams(
          iamModel,
          'CreateUser',
          decodeForm(
            'Action=CreateUser&Version=2010-05-08&UserName=ana&Tags.member.10.Key=j&' +
              'Tags.member.10.Value=10&Tags.member.2.Key=b&Tags.member.2.Value=2',
          ),
        ),
      expected: {
        UserName: 'ana',
        Tags: [
          { Key: 'b', Value: '2' },
          { Key: 'j', Value: '10' },
        ],
      },
    },
    {
      name: 'converts integers and booleans by shape, keeps numeric-looking strings',
      run: () =>
        parseQueryParams(iamModel, 'ListUsers', [
          ['MaxItems', '100'],
          ['Marker', '000000000000'],
        ]),
      expected: { MaxItems: 100, Marker: '000000000000' },
    },
    {
      name: 'reads an empty list sent as a bare name',
      run: () =>
        parseQueryParams(iamModel, 'UntagUser', [
          ['UserName', 'ana'],
          ['TagKeys', ''],
        ]),
      expected: { UserName: 'ana', TagKeys: [] },
    },
    {
      name: 'ignores presigned-URL parameters and unknown names',
      run: () =>
        parseQueryParams(iamModel, 'GetUser', [
          ['X-Amz-Signature', 'abc'],
          ['UserName', 'ana'],
          ['Unknown', 'x'],
        ]),
      expected: { UserName: 'ana' },
    },
    {
      name: 'reads STS lists of structures',
      run: () =>
        parseQueryParams(stsModel, 'AssumeRole', [
          ['RoleArn', 'arn:aws:iam::000000000000:role/deploy'],
          ['RoleSessionName', 'session-1'],
          ['PolicyArns.member.1.arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
          ['DurationSeconds', '3600'],
        ]),
      expected: {
        RoleArn: 'arn:aws:iam::000000000000:role/deploy',
        RoleSessionName: 'session-1',
        PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        DurationSeconds: 3600,
      },
    },
    {
      name: 'gives {} for an operation without input',
      run: () => parseQueryParams(iamModel, 'GetAccountSummary', [['Action', 'GetAccountSummary']]),
      expected: {},
    },
  ];
  for (const { name, run, expected } of cases) {
    it(name, () => assert.deepStrictEqual(run(), expected));
  }
});

describe('parseQueryParams validation as AWS does it', () => {
  const failures: Array<{ name: string; run: () => unknown; message: string | RegExp }> = [
    {
      name: 'a missing required member',
      run: () => parseQueryParams(iamModel, 'CreateUser', []),
      message:
        "1 validation error detected: Value null at 'userName' failed to satisfy constraint: " +
        'Member must not be null',
    },
    {
      name: 'a user name outside the pattern',
      run: () => parseQueryParams(iamModel, 'CreateUser', [['UserName', 'ana maria']]),
      message:
        "1 validation error detected: Value 'ana maria' at 'userName' failed to satisfy " +
        'constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    },
    {
      name: 'a user name that is too long',
      run: () => parseQueryParams(iamModel, 'CreateUser', [['UserName', 'a'.repeat(65)]]),
      message: /at 'userName' failed .*: Member must have length less than or equal to 64$/,
    },
    {
      name: 'MaxItems below its minimum',
      run: () => parseQueryParams(iamModel, 'ListUsers', [['MaxItems', '0']]),
      message: /Value '0' at 'maxItems' .*greater than or equal to 1$/,
    },
    {
      name: 'MaxItems that is not a number',
      run: () => parseQueryParams(iamModel, 'ListUsers', [['MaxItems', 'ten']]),
      message: /Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be an integer/,
    },
    {
      name: 'a status outside its enum',
      run: () =>
        parseQueryParams(iamModel, 'UpdateAccessKey', [
          ['AccessKeyId', 'AKIA0000000000000000'],
          ['Status', 'Paused'],
        ]),
      message: /Member must satisfy enum value set: \[Active, Inactive, Expired\]/,
    },
    {
      name: 'a missing member inside a list element',
      run: () =>
        parseQueryParams(iamModel, 'TagUser', [
          ['UserName', 'ana'],
          ['Tags.member.1.Key', 'k'],
        ]),
      message: /Value null at 'tags\.1\.member\.value' failed to satisfy constraint/,
    },
    {
      name: 'two problems at once',
      run: () => parseQueryParams(iamModel, 'CreateUser', [['Path', 'no-slashes']]),
      message: /^2 validation errors detected: .*; /,
    },
  ];

  for (const { name, run, message } of failures) {
    it(`rejects ${name} with ValidationError`, () => {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof IamError);
        assert.equal(error.code, 'ValidationError');
        assert.equal(error.status, 400);
        assert.equal(error.type, 'Sender');
        if (typeof message === 'string') assert.equal(error.message, message);
        else assert.match(error.message, message);
        return true;
      });
    });
  }

  it('never echoes a sensitive value such as a password', () => {
    assert.throws(
      () =>
        parseQueryParams(iamModel, 'CreateLoginProfile', [
          ['UserName', 'ana'],
          ['Password', ''],
        ]),
      (error: IamError) => {
        assert.match(error.message, /^2 validation errors detected: Value at 'password'/);
        assert.doesNotMatch(error.message, /Value ''/);
        return true;
      },
    );
  });

  it("checks only types with validation 'types'", () => {
    const input = parseQueryParams(iamModel, 'CreateUser', [['UserName', 'ana maria']], 'types');
    assert.deepEqual(input, { UserName: 'ana maria' });
  });

  it('rejects an unknown operation with UnknownOperation', () => {
    assert.throws(() => parseQueryParams(iamModel, 'CreateUsr', []), { code: 'UnknownOperation' });
  });
});

describe('validation messages show structured values readably', () => {
  it('a list of 51 tags is printed as JSON items, never [object Object]', () => {
    const pairs: [string, string][] = [['UserName', 'ana']];
    for (let i = 1; i <= 51; i++) {
      pairs.push([`Tags.member.${i}.Key`, `k${i}`], [`Tags.member.${i}.Value`, `v${i}`]);
    }
    assert.throws(
      () => parseQueryParams(iamModel, 'TagUser', pairs),
      (error: unknown) =>
        error instanceof IamError &&
        error.code === 'ValidationError' &&
        error.message.includes('{"Key":"k1","Value":"v1"}') &&
        !error.message.includes('[object Object]'),
    );
  });
});
