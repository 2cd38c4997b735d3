import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  IamError,
  encodeForm,
  iamModel,
  percentEncode,
  serializeQuery,
  stsModel,
} from '../src/index.js';
import { smallModel } from './helpers/small-model.js';

const head = (action: string, version = '2010-05-08') => [
  ['Action', action],
  ['Version', version],
];

describe('serializeQuery', () => {
  const cases: Array<{ name: string; run: () => unknown; expected: string[][] }> = [
    {
      name: 'puts Action and Version first, then members in model order',
      run: () => serializeQuery(iamModel, 'CreateUser', { UserName: 'ana', Path: '/ops/' }),
      expected: [...head('CreateUser'), ['Path', '/ops/'], ['UserName', 'ana']],
    },
    {
      name: 'numbers list elements from 1 under .member.',
      run: () =>
        serializeQuery(iamModel, 'TagUser', {
          UserName: 'ana',
          Tags: [
            { Key: 'team', Value: 'ops' },
            { Key: 'cost', Value: '42' },
          ],
        }),
      expected: [
        ...head('TagUser'),
        ['UserName', 'ana'],
        ['Tags.member.1.Key', 'team'],
        ['Tags.member.1.Value', 'ops'],
        ['Tags.member.2.Key', 'cost'],
        ['Tags.member.2.Value', '42'],
      ],
    },
    {
      name: 'sends an empty list as its bare name',
      run: () => serializeQuery(iamModel, 'UntagUser', { UserName: 'ana', TagKeys: [] }),
      expected: [...head('UntagUser'), ['UserName', 'ana'], ['TagKeys', '']],
    },
    {
      name: 'writes booleans as true/false and integers as decimal text',
      run: () =>
        serializeQuery(iamModel, 'UpdateAccountPasswordPolicy', {
          MinimumPasswordLength: 14,
          RequireSymbols: true,
          RequireNumbers: false,
        }),
      expected: [
        ...head('UpdateAccountPasswordPolicy'),
        ['MinimumPasswordLength', '14'],
        ['RequireSymbols', 'true'],
        ['RequireNumbers', 'false'],
      ],
    },
    {
      name: 'nests lists inside lists of structures',
      run: () =>
        serializeQuery(iamModel, 'SimulateCustomPolicy', {
          PolicyInputList: ['{}'],
          ActionNames: ['iam:GetUser'],
          ContextEntries: [
            {
              ContextKeyName: 'aws:SourceIp',
              ContextKeyValues: ['10.0.0.1'],
              ContextKeyType: 'ip',
            },
          ],
        }),
      expected: [
        ...head('SimulateCustomPolicy'),
        ['PolicyInputList.member.1', '{}'],
        ['ActionNames.member.1', 'iam:GetUser'],
        ['ContextEntries.member.1.ContextKeyName', 'aws:SourceIp'],
        ['ContextEntries.member.1.ContextKeyValues.member.1', '10.0.0.1'],
        ['ContextEntries.member.1.ContextKeyType', 'ip'],
      ],
    },
    {
      name: 'uses the STS version for STS',
      run: () =>
        serializeQuery(stsModel, 'AssumeRole', {
          RoleArn: 'arn:aws:iam::000000000000:role/r',
          RoleSessionName: 's',
          PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
          DurationSeconds: 900,
        }),
      expected: [
        ...head('AssumeRole', '2011-06-15'),
        ['RoleArn', 'arn:aws:iam::000000000000:role/r'],
        ['RoleSessionName', 's'],
        ['PolicyArns.member.1.arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
        ['DurationSeconds', '900'],
      ],
    },
    {
      name: 'sends only Action and Version for an operation without input',
      run: () => serializeQuery(iamModel, 'GetAccountSummary'),
      expected: head('GetAccountSummary'),
    },
    {
      name: 'skips members set to undefined',
      run: () => serializeQuery(iamModel, 'ListUsers', { PathPrefix: undefined, MaxItems: 5 }),
      expected: [...head('ListUsers'), ['MaxItems', '5']],
    },
    {
      name: 'honours map entry, key/value and member wire names, flattening, blobs and dates',
      run: () =>
        serializeQuery(smallModel, 'PutThing', {
          Name: 'n',
          Labels: { a: '1', b: '2' },
          Renamed: { x: 7 },
          Flat: ['p', 'q'],
          FlatNamed: ['r'],
          Items: [{ Id: 'i', Tags: {} }],
          Payload: new Uint8Array([0, 255]),
          When: new Date('2024-01-01T00:00:00Z'),
          Wire: 'w',
        }),
      expected: [
        ...head('PutThing', '2020-01-01'),
        ['Name', 'n'],
        ['Labels.entry.1.key', 'a'],
        ['Labels.entry.1.value', '1'],
        ['Labels.entry.2.key', 'b'],
        ['Labels.entry.2.value', '2'],
        ['Renamed.entry.1.Name', 'x'],
        ['Renamed.entry.1.Amount', '7'],
        ['Flat.1', 'p'],
        ['Flat.2', 'q'],
        ['Element.1', 'r'],
        ['Items.item.1.Id', 'i'],
        ['Payload', 'AP8='],
        ['When', '2024-01-01T00:00:00Z'],
        ['WireName', 'w'],
      ],
    },
  ];

  for (const { name, run, expected } of cases) {
    it(name, () => assert.deepEqual(run(), expected));
  }
});

describe('serializeQuery input checks', () => {
  const failures: Array<{ name: string; run: () => unknown; code: string; mentions: string[] }> = [
    {
      name: 'unknown operation',
      run: () => serializeQuery(iamModel, 'CreateUsr', {}),
      code: 'UnknownOperation',
      mentions: ['CreateUsr'],
    },
    {
      name: 'missing required member',
      run: () => serializeQuery(iamModel, 'CreateUser', {} as never),
      code: 'MissingParameter',
      mentions: ['CreateUser', 'UserName'],
    },
    {
      name: 'missing required member of a list element',
      run: () =>
        serializeQuery(iamModel, 'TagUser', { UserName: 'a', Tags: [{ Key: 'k' }] } as never),
      code: 'MissingParameter',
      mentions: ['TagUser', 'Tags[0].Value'],
    },
    {
      name: 'number where a string belongs',
      run: () => serializeQuery(iamModel, 'CreateUser', { UserName: 42 } as never),
      code: 'InvalidParameterType',
      mentions: ['UserName', 'a string', '42'],
    },
    {
      name: 'string where an integer belongs',
      run: () => serializeQuery(iamModel, 'ListUsers', { MaxItems: '10' } as never),
      code: 'InvalidParameterType',
      mentions: ['MaxItems', 'an integer'],
    },
    {
      name: 'object where a list belongs',
      run: () => serializeQuery(iamModel, 'TagUser', { UserName: 'a', Tags: {} } as never),
      code: 'InvalidParameterType',
      mentions: ['Tags', 'an array'],
    },
    {
      name: 'string where a boolean belongs',
      run: () =>
        serializeQuery(iamModel, 'CreateLoginProfile', {
          UserName: 'a',
          Password: 'p',
          PasswordResetRequired: 'yes',
        } as never),
      code: 'InvalidParameterType',
      mentions: ['PasswordResetRequired', 'a boolean'],
    },
    {
      name: 'unknown member',
      run: () => serializeQuery(iamModel, 'CreateUser', { UserName: 'a', Username: 'b' } as never),
      code: 'UnknownParameter',
      mentions: ['Username'],
    },
    {
      name: 'camel-cased member name',
      run: () => serializeQuery(iamModel, 'GetUser', { userName: 'a' } as never),
      code: 'UnknownParameter',
      mentions: ['GetUser', 'userName'],
    },
    {
      name: 'member given to an operation without input',
      run: () => serializeQuery(iamModel, 'GetAccountSummary', { Foo: 1 }),
      code: 'UnknownParameter',
      mentions: ['Foo'],
    },
  ];

  for (const { name, run, code, mentions } of failures) {
    it(`rejects ${name} with ${code}`, () => {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof IamError);
        assert.equal(error.code, code);
        for (const text of mentions) assert.match(error.message, new RegExp(escape(text)));
        assert.equal(error.retryable, false);
        return true;
      });
    });
  }
});

describe('encodeForm', () => {
  const cases: Array<[string, Array<[string, string]>, string]> = [
    ['space as %20, not +', [['UserName', 'a b']], 'UserName=a%20b'],
    ['plus, slash, equals, ampersand', [['P', 'a+b/c=d&e']], 'P=a%2Bb%2Fc%3Dd%26e'],
    ['RFC 3986 reserved marks', [['P', "!'()*"]], 'P=%21%27%28%29%2A'],
    ['unreserved kept', [['P', 'AZaz09-_.~']], 'P=AZaz09-_.~'],
    ['UTF-8 bytes in upper-case hex', [['P', 'é😀']], 'P=%C3%A9%F0%9F%98%80'],
    ['empty value', [['TagKeys', '']], 'TagKeys='],
    [
      'policy JSON',
      [['PolicyDocument', '{"Effect": "Allow"}']],
      'PolicyDocument=%7B%22Effect%22%3A%20%22Allow%22%7D',
    ],
    [
      'pairs joined in order',
      [
        ['Action', 'ListUsers'],
        ['Version', '2010-05-08'],
      ],
      'Action=ListUsers&Version=2010-05-08',
    ],
  ];
  for (const [name, pairs, expected] of cases) {
    it(name, () => assert.equal(encodeForm(pairs), expected));
  }

  it('percentEncode leaves no byte but the unreserved set unescaped', () => {
    for (let code = 0; code < 0x80; code += 1) {
      const char = String.fromCharCode(code);
      const encoded = percentEncode(char);
      if (/[A-Za-z0-9\-_.~]/.test(char)) assert.equal(encoded, char);
      else assert.equal(encoded, `%${code.toString(16).toUpperCase().padStart(2, '0')}`);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
