import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { emulatorActions as a } from '../../src/emulator/index.js';
import { generatePassword } from '@iam-bridge/iam';
import { assertEmulatorError, setup } from './helpers.js';

function withUser() {
  const { store, root } = setup();
  a.CreateUser(store, { UserName: 'alice' }, root);
  return { store, root };
}

describe('console passwords without an account password policy (AWS default rules)', () => {
  it('CreateLoginProfile refuses a one-letter password with PasswordPolicyViolation 400', () => {
    const { store, root } = withUser();
    assertEmulatorError(
      () => a.CreateLoginProfile(store, { UserName: 'alice', Password: 'x' }, root),
      'PasswordPolicyViolation',
      'Password should have a minimum length of 8; Password should have at least 3 of these ' +
        'character types: uppercase letter, lowercase letter, number, symbol.',
      400,
    );
    assertEmulatorError(
      () => a.GetLoginProfile(store, { UserName: 'alice' }, root),
      'NoSuchEntity',
    );
  });

  it('refuses a long password with only two character types', () => {
    const { store, root } = withUser();
    assertEmulatorError(
      () => a.CreateLoginProfile(store, { UserName: 'alice', Password: 'longpassword1' }, root),
      'PasswordPolicyViolation',
      /at least 3 of these character types/,
    );
  });

  it('refuses the user name and the account id as a password', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'Pa55word@x' }, root);
    assertEmulatorError(
      () => a.CreateLoginProfile(store, { UserName: 'Pa55word@x', Password: 'pa55WORD@X' }, root),
      'PasswordPolicyViolation',
      /not be the same as the user name or the account name/,
    );
    a.CreateUser(store, { UserName: 'bob' }, root);
    a.UpdateAccountPasswordPolicy(store, {}, root);
    a.DeleteAccountPasswordPolicy(store, {}, root);
    assertEmulatorError(
      () => a.CreateLoginProfile(store, { UserName: 'bob', Password: store.accountId }, root),
      'PasswordPolicyViolation',
      /symbol; Password should not be the same as the user name or the account name\./,
    );
  });

  it('accepts eight characters of three types', () => {
    const { store, root } = withUser();
    a.CreateLoginProfile(store, { UserName: 'alice', Password: 'abcdEF12' }, root);
  });

  it('UpdateLoginProfile applies the same rules', () => {
    const { store, root } = withUser();
    a.CreateLoginProfile(store, { UserName: 'alice', Password: 'Pa55word!xyz' }, root);
    assertEmulatorError(
      () => a.UpdateLoginProfile(store, { UserName: 'alice', Password: 'short' }, root),
      'PasswordPolicyViolation',
      /minimum length of 8/,
      400,
    );
    a.UpdateLoginProfile(store, { UserName: 'alice', Password: 'An0ther-pass' }, root);
  });

  it('every password the lifecycle generates satisfies them', () => {
    const { store, root } = withUser();
    for (let round = 0; round < 50; round++) {
      const password = generatePassword();
      a.UpdateAccountPasswordPolicy(store, {}, root);
      a.DeleteAccountPasswordPolicy(store, {}, root);
      a.CreateLoginProfile(store, { UserName: 'alice', Password: password }, root);
      a.DeleteLoginProfile(store, { UserName: 'alice' }, root);
    }
  });
});

describe('console passwords under an account password policy', () => {
  it('names each requirement the password misses', () => {
    const { store, root } = withUser();
    a.UpdateAccountPasswordPolicy(
      store,
      { MinimumPasswordLength: 12, RequireSymbols: true, RequireUppercaseCharacters: true },
      root,
    );
    assertEmulatorError(
      () => a.CreateLoginProfile(store, { UserName: 'alice', Password: 'abcdefgh12' }, root),
      'PasswordPolicyViolation',
      'Password should have a minimum length of 12; Password should have at least one ' +
        'uppercase letter; Password should have at least one symbol.',
      400,
    );
    a.CreateLoginProfile(store, { UserName: 'alice', Password: 'Abcdefgh12-x' }, root);
  });

  it('replaces the default rules: a policy of length 6 and no types allows "simple"', () => {
    const { store, root } = withUser();
    a.UpdateAccountPasswordPolicy(store, {}, root);
    a.CreateLoginProfile(store, { UserName: 'alice', Password: 'simple' }, root);
    assert.equal(
      a.GetLoginProfile(store, { UserName: 'alice' }, root).LoginProfile.UserName,
      'alice',
    );
  });
});
