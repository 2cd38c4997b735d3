import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LifecycleError } from '../../src/lifecycle/lifecycle-error.js';
import {
  nestedDeeperThan,
  normalizeUserSpec,
  type UserSpec,
} from '../../src/lifecycle/user-spec.js';

function problemOf(spec: unknown): string {
  try {
    normalizeUserSpec(spec as UserSpec);
  } catch (error) {
    assert.ok(error instanceof LifecycleError);
    assert.equal(error.code, 'InvalidUserSpec');
    return error.message;
  }
  return assert.fail('expected InvalidUserSpec');
}

describe('normalizeUserSpec field types', () => {
  const wrongTypes: Array<[string, Record<string, unknown>, RegExp]> = [
    ['groups as a string', { groups: 'staff' }, /groups must be a list of strings.*"staff"/],
    ['groups with a number', { groups: ['dev', 7] }, /groups must be a list of strings/],
    ['managedPolicies as a string', { managedPolicies: 'arn' }, /managedPolicies must be a list/],
    ['tags as a string', { tags: 'team=ops' }, /tags must be an object of string values/],
    ['tags with a number value', { tags: { team: 1 } }, /tags must be/],
    ['tags list without Value', { tags: [{ Key: 'team' }] }, /tags must be/],
    ['tags list with a stray field', { tags: [{ Key: 'a', Value: 'b', X: 1 }] }, /tags must/],
    ['inlinePolicies as a list', { inlinePolicies: ['{}'] }, /inlinePolicies must be an object/],
    ['inlinePolicies with a number', { inlinePolicies: { p: 1 } }, /inlinePolicies must be/],
    ['loginProfile as a string', { loginProfile: 'secret' }, /loginProfile must be a boolean/],
    ['loginProfile password number', { loginProfile: { password: 1 } }, /loginProfile must/],
    ['loginProfile reset as text', { loginProfile: { passwordResetRequired: 'no' } }, /login/],
    ['accessKey as text', { accessKey: 'true' }, /accessKey must be a boolean, not the string/],
    ['path as a number', { path: 5 }, /path must be a string, not the number 5/],
    ['permissionsBoundary as a list', { permissionsBoundary: [] }, /permissionsBoundary must/],
    ['an unknown field', { group: ['dev'] }, /unknown field "group"/],
  ];
  for (const [name, fields, expected] of wrongTypes) {
    test(`refuses ${name}, naming the field`, () => {
      assert.match(problemOf({ userName: 'j1', ...fields }), expected);
    });
  }

  test('refuses a missing or non-string userName and a spec that is no object', () => {
    assert.match(problemOf({ groups: [] }), /userName must be a string, not missing/);
    assert.match(problemOf({ userName: 12 }), /userName must be a string, not the number 12/);
    assert.match(problemOf(null), /a user spec must be an object, not null/);
    assert.match(problemOf(['ana']), /must be an object, not the list/);
  });

  test('names every wrong field at once', () => {
    const message = problemOf({ userName: 'j1', groups: 'staff', accessKey: 'yes' });
    assert.match(message, /groups must be/);
    assert.match(message, /accessKey must be/);
  });

  test('accepts every field with its documented type', () => {
    const normalized = normalizeUserSpec({
      userName: 'j1',
      path: '/staff/',
      permissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      tags: [{ Key: 'team', Value: 'ops' }],
      groups: ['dev'],
      managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      inlinePolicies: { p: { Version: '2012-10-17', Statement: [] }, q: '{}' },
      loginProfile: { password: 'x', passwordResetRequired: false },
      accessKey: false,
    });
    assert.deepEqual(normalized.groups, ['dev']);
    assert.deepEqual(normalized.tags, [{ Key: 'team', Value: 'ops' }]);
    assert.deepEqual(normalizeUserSpec({ userName: 'j2', tags: { a: 'b' } }).tags, [
      { Key: 'a', Value: 'b' },
    ]);
  });
});

describe('inline policy documents nested too deep', () => {
  test('nestedDeeperThan counts objects and arrays, not scalars, without recursion', () => {
    assert.equal(nestedDeeperThan({ a: [[1]] }, 3), false);
    assert.equal(nestedDeeperThan({ a: [[1]] }, 2), true);
    assert.equal(nestedDeeperThan('text', 0), false);
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(nestedDeeperThan(deep, 32), true);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    assert.equal(nestedDeeperThan(cycle, 32), true);
  });

  test('a document nested 200,000 deep is an InvalidUserSpec naming the policy', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.throws(
      () => normalizeUserSpec({ userName: 'ana', inlinePolicies: { deep: { Statement: deep } } }),
      (error: unknown) =>
        error instanceof LifecycleError &&
        error.code === 'InvalidUserSpec' &&
        /inline policy deep is nested deeper than 32 levels/.test(error.message),
    );
  });
});
