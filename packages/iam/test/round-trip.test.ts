// Properties: what the writer writes, the parser reads back unchanged (server -> client),
// and what the serializer sends, the query parser reads back unchanged (client -> server).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import {
  decodeForm,
  encodeForm,
  iamModel,
  parseQueryParams,
  parseResponse,
  serializeQuery,
  stsModel,
  writeResponse,
} from '../src/index.js';
import type { ServiceModel } from '../src/index.js';
import { shapeArbitrary } from './helpers/shape-arbitrary.js';
import { smallModel } from './helpers/small-model.js';

const focus: Array<[ServiceModel<any>, string]> = [
  [iamModel, 'GetUser'],
  [iamModel, 'ListUsers'],
  [iamModel, 'CreateAccessKey'],
  [iamModel, 'GetAccountSummary'],
  [iamModel, 'GetMFADevice'],
  [iamModel, 'GetAccountAuthorizationDetails'],
  [iamModel, 'SimulatePrincipalPolicy'],
  [iamModel, 'CreateVirtualMFADevice'],
  [iamModel, 'GetCredentialReport'],
  [iamModel, 'GetAccountPasswordPolicy'],
  [iamModel, 'GetRolePolicy'],
  [stsModel, 'AssumeRole'],
  [stsModel, 'GetCallerIdentity'],
  [smallModel, 'PutThing'],
];

function outputArbitrary(model: ServiceModel<any>, operationName: string) {
  const output = model.operations[operationName]!.output!;
  return shapeArbitrary(model, output) as fc.Arbitrary<Record<string, unknown>>;
}

describe('writeResponse -> parseResponse', () => {
  for (const [model, operationName] of focus) {
    it(`${model.serviceId} ${operationName} reads back what was written`, () => {
      fc.assert(
        fc.property(outputArbitrary(model, operationName), fc.uuid(), (output, requestId) => {
          const xml = writeResponse(model, operationName, output, requestId);
          const parsed = parseResponse(model, operationName, xml);
          assert.deepStrictEqual(parsed, { result: output, requestId });
        }),
        { numRuns: 150 },
      );
    });
  }

  it('every IAM and STS operation with output reads back what was written', () => {
    for (const model of [iamModel, stsModel] as Array<ServiceModel<any>>) {
      for (const [operationName, operation] of Object.entries(model.operations)) {
        if (operation.output === undefined) continue;
        fc.assert(
          fc.property(outputArbitrary(model, operationName), (output) => {
            const xml = writeResponse(model, operationName, output, 'r');
            assert.deepStrictEqual(parseResponse(model, operationName, xml).result, output);
          }),
          { numRuns: 10 },
        );
      }
    }
  });
});

describe('serializeQuery -> encodeForm -> decodeForm -> parseQueryParams', () => {
  const inputs: Array<[ServiceModel<any>, string]> = [
    [iamModel, 'CreateUser'],
    [iamModel, 'SimulateCustomPolicy'],
    [iamModel, 'UpdateAccountPasswordPolicy'],
    [iamModel, 'ListUsers'],
    [stsModel, 'AssumeRole'],
    [smallModel, 'PutThing'],
  ];
  for (const [model, operationName] of inputs) {
    it(`${model.serviceId} ${operationName} arrives as it was sent`, () => {
      const input = shapeArbitrary(model, model.operations[operationName]!.input!, 'input');
      fc.assert(
        fc.property(input as fc.Arbitrary<Record<string, unknown>>, (value) => {
          const body = encodeForm(serializeQuery(model, operationName, value));
          const parsed = parseQueryParams(model, operationName, decodeForm(body), 'types');
          assert.deepStrictEqual(parsed, value);
        }),
        { numRuns: 150 },
      );
    });
  }
});
