import { describe, it } from 'node:test';

import { emulatorActions as a } from '../../src/emulator/index.js';
import { assertEmulatorError, setup } from './helpers.js';

const cases: { name: string; action: string; input: object; message: string }[] = [
  {
    name: 'user name with a space',
    action: 'CreateUser',
    input: { UserName: 'x y' },
    message:
      "1 validation error detected: Value 'x y' at 'userName' failed to satisfy constraint: " +
      'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
  },
  {
    name: 'user name longer than 64',
    action: 'CreateUser',
    input: { UserName: 'a'.repeat(65) },
    message:
      `1 validation error detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy ` +
      'constraint: Member must have length less than or equal to 64',
  },
  {
    name: 'missing user name',
    action: 'CreateUser',
    input: {},
    message:
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: " +
      'Member must not be null',
  },
  {
    name: 'path without a trailing slash',
    action: 'CreateUser',
    input: { UserName: 'alice', Path: '/dev' },
    message:
      "1 validation error detected: Value '/dev' at 'path' failed to satisfy constraint: " +
      'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)',
  },
  {
    name: 'two violations at once',
    action: 'CreateUser',
    input: { UserName: 'x y', Path: 'dev' },
    message:
      "2 validation errors detected: Value 'dev' at 'path' failed to satisfy constraint: " +
      'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F); ' +
      "Value 'x y' at 'userName' failed to satisfy constraint: " +
      'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
  },
  {
    name: 'group name longer than 128',
    action: 'CreateGroup',
    input: { GroupName: 'g'.repeat(129) },
    message:
      `1 validation error detected: Value '${'g'.repeat(129)}' at 'groupName' failed to ` +
      'satisfy constraint: Member must have length less than or equal to 128',
  },
  {
    name: 'MaxItems of 0',
    action: 'ListUsers',
    input: { MaxItems: 0 },
    message:
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: " +
      'Member must have value greater than or equal to 1',
  },
  {
    name: 'MaxItems above 1000',
    action: 'ListUsers',
    input: { MaxItems: 1001 },
    message:
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: " +
      'Member must have value less than or equal to 1000',
  },
  {
    name: 'access key status outside the enum',
    action: 'UpdateAccessKey',
    input: { UserName: 'alice', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA', Status: 'On' },
    message:
      "1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: " +
      'Member must satisfy enum value set: [Active, Inactive]',
  },
  {
    name: 'authentication code of five digits',
    action: 'EnableMFADevice',
    input: {
      UserName: 'alice',
      SerialNumber: 'arn:aws:iam::123456789012:mfa/x',
      AuthenticationCode1: '12345',
      AuthenticationCode2: '123456',
    },
    message:
      "1 validation error detected: Value '12345' at 'authenticationCode1' failed to satisfy " +
      'constraint: Member must have length greater than or equal to 6',
  },
];

describe('validation errors carry AWS wording', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const { store, root } = setup();
      assertEmulatorError(
        () => a[testCase.action](store, testCase.input, root),
        'ValidationError',
        testCase.message,
        400,
      );
    });
  }

  it('rejects a tag key with a forbidden character', () => {
    const { store, root } = setup();
    assertEmulatorError(
      () => a.CreateUser(store, { UserName: 'alice', Tags: [{ Key: 'a#b', Value: 'v' }] }, root),
      'ValidationError',
      /at 'tags\.1\.member\.key'/,
    );
  });

  it('rejects an undecodable Marker with InvalidInput', () => {
    const { store, root } = setup();
    assertEmulatorError(() => a.ListUsers(store, { Marker: 'not-a-marker' }, root), 'InvalidInput');
  });
});
