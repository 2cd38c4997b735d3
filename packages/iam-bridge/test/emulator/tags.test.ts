import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { emulatorActions as a } from '../../src/emulator/index.js';
import { violations } from '../../src/emulator/validation.js';
import { assertEmulatorError, setup } from './helpers.js';

describe('reserved tag keys', () => {
  const reserved = "User tags cannot begin with the reserved prefix 'aws:'.";

  it('CreateUser refuses a tag key with the aws: prefix, in any case, and creates nothing', () => {
    const { store, root } = setup();
    for (const Key of ['aws:team', 'AWS:team', 'Aws:cost']) {
      assertEmulatorError(
        () => a.CreateUser(store, { UserName: 'alice', Tags: [{ Key, Value: 'x' }] }, root),
        'InvalidInput',
        reserved,
        400,
      );
    }
    assertEmulatorError(() => a.GetUser(store, { UserName: 'alice' }, root), 'NoSuchEntity');
  });

  it('TagUser refuses it and keeps the tags the user had', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice', Tags: [{ Key: 'team', Value: 'ops' }] }, root);
    assertEmulatorError(
      () =>
        a.TagUser(
          store,
          {
            UserName: 'alice',
            Tags: [
              { Key: 'cost', Value: '1' },
              { Key: 'aws:createdBy', Value: 'me' },
            ],
          },
          root,
        ),
      'InvalidInput',
      reserved,
    );
    const { Tags } = a.ListUserTags(store, { UserName: 'alice' }, root);
    assert.deepEqual(Tags, [{ Key: 'team', Value: 'ops' }]);
  });

  it('allows aws: inside a key or as a value', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice', Tags: [{ Key: 'my-aws:key', Value: 'aws:x' }] }, root);
  });
});

describe('validation messages show lists and structures readably', () => {
  it('51 tags name the tags, never [object Object]', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    const Tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    assertEmulatorError(
      () => a.TagUser(store, { UserName: 'alice', Tags }, root),
      'ValidationError',
      new RegExp(
        '^1 validation error detected: ' +
          `Value '\\[\\{"Key":"k0","Value":"v0"\\},.*\\]' at 'tags' failed to satisfy ` +
          'constraint: Member must have length less than or equal to 50$',
      ),
    );
  });

  it('a structure or list given where a string belongs is shown as JSON', () => {
    const type = { type: 'string' as const, max: 3 };
    assert.deepEqual(violations([{ Key: 'k' }], 'userName', type), [
      `Value '[{"Key":"k"}]' at 'userName' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 3',
    ]);
  });
});
