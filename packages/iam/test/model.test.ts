import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { compilePattern, findOperation, iamModel, stsModel } from '../src/index.js';
import type { ServiceModel } from '../src/index.js';

const models: Array<ServiceModel<any>> = [iamModel, stsModel];

describe('generated models', () => {
  it('hold the IAM and STS operations', () => {
    assert.ok(Object.keys(iamModel.operations).length >= 170);
    assert.ok(Object.keys(stsModel.operations).length >= 8);
    for (const name of ['CreateUser', 'DeleteUser', 'ListUsers', 'CreateAccessKey', 'TagUser']) {
      assert.ok(iamModel.operations[name], name);
    }
    for (const name of ['AssumeRole', 'GetCallerIdentity', 'GetSessionToken']) {
      assert.ok(stsModel.operations[name], name);
    }
  });

  it('carry the service metadata', () => {
    assert.equal(iamModel.apiVersion, '2010-05-08');
    assert.equal(iamModel.xmlNamespace, 'https://iam.amazonaws.com/doc/2010-05-08/');
    assert.equal(stsModel.apiVersion, '2011-06-15');
    assert.equal(stsModel.xmlNamespace, 'https://sts.amazonaws.com/doc/2011-06-15/');
  });

  it('describe CreateUser as AWS does', () => {
    assert.deepEqual(findOperation(iamModel, 'CreateUser'), {
      input: 'CreateUserRequest',
      output: 'CreateUserResponse',
      resultWrapper: 'CreateUserResult',
      required: ['UserName'],
    });
    const userName = iamModel.shapes.userNameType!;
    assert.deepEqual([userName.min, userName.max, userName.pattern], [1, 64, '[\\w+=,.@-]+']);
    assert.deepEqual(iamModel.shapes.tagListType, { type: 'list', member: 'Tag', max: 50 });
  });

  it('describe how ListUsers pages', () => {
    assert.deepEqual(iamModel.paginators.ListUsers, {
      inputToken: 'Marker',
      outputToken: 'Marker',
      limitKey: 'MaxItems',
      resultKeys: ['Users'],
      moreResults: 'IsTruncated',
    });
    assert.deepEqual(iamModel.paginators.ListEntitiesForPolicy!.resultKeys, [
      'PolicyGroups',
      'PolicyUsers',
      'PolicyRoles',
    ]);
  });

  it('mark secrets as sensitive', () => {
    const secret = iamModel.shapes.AccessKey!.members!.SecretAccessKey!;
    assert.equal(iamModel.shapes[secret]!.sensitive, true);
    assert.equal(iamModel.shapes.passwordType!.sensitive, true);
  });

  it('carry the error codes and statuses of exception shapes', () => {
    assert.deepEqual(iamModel.shapes.NoSuchEntityException!.error, {
      code: 'NoSuchEntity',
      status: 404,
      fault: 'Sender',
    });
    assert.deepEqual(iamModel.shapes.DeleteConflictException!.error, {
      code: 'DeleteConflict',
      status: 409,
      fault: 'Sender',
    });
  });

  for (const model of models) {
    it(`${model.serviceId}: every reference names a shape of the model`, () => {
      const known = (name: string | undefined, where: string) => {
        if (name !== undefined) assert.ok(model.shapes[name], `${where} -> ${name}`);
      };
      for (const [name, operation] of Object.entries(model.operations)) {
        known(operation.input, `${name}.input`);
        known(operation.output, `${name}.output`);
        if (operation.output) assert.equal(operation.resultWrapper, `${name}Result`);
        const input = operation.input ? model.shapes[operation.input]! : undefined;
        for (const member of operation.required ?? []) {
          assert.ok(input?.members?.[member], `${name} requires ${member}`);
        }
      }
      for (const [name, shape] of Object.entries(model.shapes)) {
        for (const [member, target] of Object.entries(shape.members ?? {})) {
          known(target, `${name}.${member}`);
        }
        known(shape.member, `${name}.member`);
        known(shape.key, `${name}.key`);
        known(shape.value, `${name}.value`);
      }
      for (const [name, paginator] of Object.entries(model.paginators)) {
        const output = model.shapes[model.operations[name]!.output!]!;
        for (const key of paginator.resultKeys) assert.ok(output.members![key], `${name} ${key}`);
        assert.ok(output.members![paginator.outputToken], `${name} output token`);
      }
    });

    it(`${model.serviceId}: every pattern compiles to a JavaScript RegExp`, () => {
      for (const [name, shape] of Object.entries(model.shapes)) {
        if (shape.pattern !== undefined) assert.ok(compilePattern(shape.pattern), name);
      }
    });
  }

  it('patterns match whole values, with code points above U+FFFF', () => {
    const cases: Array<[string, string, boolean]> = [
      ['[\\w+=,.@-]+', 'ana.maria@example', true],
      ['[\\w+=,.@-]+', 'ana maria', false],
      ['[\\w+=,.@-]+', '', false],
      ['(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)', '/ops/', true],
      ['(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)', 'ops/', false],
      ['[\\u0020-\\u007E\\u10000-\\u10FFFF]+', 'a😀', true],
      ['[\\u0020-\\u007E\\u10000-\\u10FFFF]+', 'é', false],
      ['[\\w+=,.@\\:-]*', 'a:b', true],
      ['[\\w+=,.@\\:-]*', 'a b', false],
    ];
    for (const [pattern, value, expected] of cases) {
      assert.equal(compilePattern(pattern)!.test(value), expected, `${pattern} ${value}`);
    }
  });
});
