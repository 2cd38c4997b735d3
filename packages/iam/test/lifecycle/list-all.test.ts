import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IamError } from '@iam-bridge/iam';
import type { IamCaller } from '../../src/lifecycle/iam-caller.js';
import { listAll } from '../../src/lifecycle/list-all.js';

function pagedCaller(items: string[], pageSize: number, failOnPage?: number): IamCaller {
  return {
    async send(_operation: string, input: { Marker?: string }) {
      const start = Number(input.Marker ?? 0);
      if (failOnPage !== undefined && start / pageSize === failOnPage) {
        throw new IamError({ code: 'ServiceFailure', message: 'page failed', status: 500 });
      }
      const page = items.slice(start, start + pageSize);
      const more = start + pageSize < items.length;
      return {
        PolicyNames: page,
        IsTruncated: more,
        ...(more ? { Marker: String(start + pageSize) } : {}),
      };
    },
  } as unknown as IamCaller;
}

test('listAll follows Marker to the last page', async () => {
  const names = Array.from({ length: 7 }, (_, index) => `policy-${index}`);
  const found = await listAll(
    pagedCaller(names, 2),
    'ListUserPolicies',
    { UserName: 'a' },
    'PolicyNames',
  );
  assert.deepEqual(found, names);
});

test('a failed page fails the listing instead of returning part of it', async () => {
  const names = Array.from({ length: 7 }, (_, index) => `policy-${index}`);
  await assert.rejects(
    listAll(pagedCaller(names, 2, 2), 'ListUserPolicies', { UserName: 'a' }, 'PolicyNames'),
    { code: 'ServiceFailure' },
  );
});
