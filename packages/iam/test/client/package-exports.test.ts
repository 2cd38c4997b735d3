import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iamPackage from '@iam-bridge/iam';

describe('@iam-bridge/iam entry point', () => {
  it('exports the client runtime', () => {
    for (const name of [
      'IamClient',
      'StsClient',
      'QueryClient',
      'paginate',
      'paginateItems',
      'all',
      'resolveEndpoint',
      'defaultCredentialProvider',
      'fromEnv',
      'fromProfile',
      'fromAssumeRole',
      'fromProcess',
      'fromStatic',
      'parseIni',
      'sendHttp',
      'backoffDelay',
    ]) {
      assert.equal(typeof (iamPackage as Record<string, unknown>)[name], 'function', name);
    }
  });
});
