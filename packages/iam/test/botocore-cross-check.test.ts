// Cross-checks our Query serializer against botocore's on complex inputs: both must send
// the same multiset of parameters, and the same form body once sorted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { encodeForm, iamModel, serializeQuery, stsModel } from '../src/index.js';
import { botocoreUnavailable, serializeWithBotocore } from './helpers/botocore.js';
import type { BotocoreCase } from './helpers/botocore.js';
import { smallBotocoreModel, smallModel } from './helpers/small-model.js';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/a b+c/é*' }],
});

const cases: Array<BotocoreCase & { name: string }> = [
  {
    name: 'CreateUser with tags and a permissions boundary',
    service: 'iam',
    operation: 'CreateUser',
    params: {
      UserName: 'ana.maria+ops@example',
      Path: '/teams/ops/',
      PermissionsBoundary: 'arn:aws:iam::000000000000:policy/boundary',
      Tags: [
        { Key: 'team', Value: 'ops & infra' },
        { Key: 'cost-center', Value: '000123' },
        { Key: 'note', Value: 'a=b/c+d é' },
      ],
    },
  },
  {
    name: 'CreatePolicy with a JSON document and tags',
    service: 'iam',
    operation: 'CreatePolicy',
    params: {
      PolicyName: 'read-bucket',
      Path: '/',
      PolicyDocument: policy,
      Description: 'Reads "b" — with spaces',
      Tags: [{ Key: 'k', Value: '' }],
    },
  },
  {
    name: 'PutUserPolicy',
    service: 'iam',
    operation: 'PutUserPolicy',
    params: { UserName: 'ana', PolicyName: 'inline', PolicyDocument: policy },
  },
  {
    name: 'UntagUser with an empty list',
    service: 'iam',
    operation: 'UntagUser',
    params: { UserName: 'ana', TagKeys: [] },
  },
  {
    name: 'SimulatePrincipalPolicy with lists inside lists',
    service: 'iam',
    operation: 'SimulatePrincipalPolicy',
    params: {
      PolicySourceArn: 'arn:aws:iam::000000000000:user/ana',
      ActionNames: ['s3:GetObject', 'iam:GetUser'],
      ResourceArns: ['*'],
      ContextEntries: [
        { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.0.0.1', '10.0.0.2'] },
        { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyType: 'boolean' },
      ],
      MaxItems: 100,
      Marker: 'AAAA+/==',
    },
  },
  {
    name: 'UpdateAccountPasswordPolicy with integers and booleans',
    service: 'iam',
    operation: 'UpdateAccountPasswordPolicy',
    params: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: false,
      MaxPasswordAge: 90,
      HardExpiry: false,
    },
  },
  {
    name: 'STS AssumeRole with tags, policy ARNs, transitive keys and contexts',
    service: 'sts',
    operation: 'AssumeRole',
    params: {
      RoleArn: 'arn:aws:iam::000000000000:role/deploy',
      RoleSessionName: 'ci-42',
      Policy: policy,
      PolicyArns: [
        { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        { arn: 'arn:aws:iam::000000000000:policy/extra' },
      ],
      Tags: [
        { Key: 'project', Value: 'bridge' },
        { Key: 'env', Value: 'test' },
      ],
      TransitiveTagKeys: ['project'],
      DurationSeconds: 3600,
      ExternalId: 'ext id/1',
      ProvidedContexts: [
        { ProviderArn: 'arn:aws:iam::aws:contextProvider/x', ContextAssertion: 'assertion-1' },
      ],
    },
  },
  {
    name: 'a model with maps, wire names, flattened lists, blobs and timestamps',
    serviceModel: smallBotocoreModel,
    operation: 'PutThing',
    params: {
      Name: 'n',
      Labels: { a: '1', 'b c': '2' },
      Renamed: { x: 7 },
      Flat: ['p', 'q'],
      FlatNamed: ['r'],
      Items: [{ Id: 'i', Tags: { t: 'v' } }, { Id: 'j' }],
      When: '2024-02-29T12:34:56Z',
      Count: 9007199254740991,
      Enabled: false,
      Wire: 'w',
    },
  },
];

function ours(testCase: BotocoreCase): Array<[string, string]> {
  const model =
    testCase.serviceModel !== undefined
      ? smallModel
      : testCase.service === 'sts'
        ? stsModel
        : iamModel;
  return serializeQuery(model, testCase.operation, testCase.params);
}

const sorted = (pairs: Array<[string, string]>) =>
  pairs.map(([name, value]) => `${name}=${value}`).sort();
const sortedBody = (body: string) => body.split('&').sort();

describe('Query serialization matches botocore', () => {
  const unavailable = botocoreUnavailable();
  if (unavailable !== undefined) {
    if (process.env.CI === 'true') {
      it('needs python3 with botocore under CI', () => assert.fail(unavailable));
    } else {
      it('compares with botocore', (t) => t.skip(`python3/botocore unavailable: ${unavailable}`));
    }
    return;
  }

  const results = serializeWithBotocore(cases);
  cases.forEach((testCase, index) => {
    it(testCase.name, () => {
      const pairs = ours(testCase);
      assert.deepEqual(sorted(pairs), sorted(results[index]!.pairs));
      assert.deepEqual(sortedBody(encodeForm(pairs)), sortedBody(results[index]!.body));
    });
  });
});
