import { randomBytes, scryptSync } from 'node:crypto';

import { defineAction, targetUser } from './action.js';
import { iamTypes } from './constraints.js';
import { EmulatorError, entityAlreadyExists, noSuchEntity } from './errors.js';
import { assertPasswordAllowed } from './password-rules.js';
import type { EmulatorStore } from './store.js';
import { requireUser, type UserRecord } from './user-records.js';
import { validateInput } from './validation.js';

interface LoginProfileRow {
  user_id: string;
  password_reset_required: number;
  create_date: number;
}

/** A salted scrypt hash, so the data file never holds a console password. */
function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 1024 });
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function requireProfile(store: EmulatorStore, user: UserRecord): LoginProfileRow {
  const row = store.db.prepare('SELECT * FROM login_profiles WHERE user_id = ?').get(user.id) as
    LoginProfileRow | undefined;
  if (!row) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
  return row;
}

/**
 * AWS answers `EntityTemporarilyUnmodifiable` for a short while after a login profile is
 * created; the `loginProfileUnmodifiableMs` switch reproduces that window.
 */
function assertModifiable(
  store: EmulatorStore,
  profile: LoginProfileRow,
  user: UserRecord,
  now: Date,
): void {
  if (now.getTime() < profile.create_date + store.switches.loginProfileUnmodifiableMs) {
    throw new EmulatorError(
      'EntityTemporarilyUnmodifiable',
      409,
      `Login Profile for User ${user.name} cannot be modified while login profile is ` +
        'being created.',
    );
  }
}

/**
 * CreateLoginProfile: gives a user a console password, checked against the account's
 * password policy, or AWS's default rules when the account sets none.
 *
 * @example
 * createLoginProfile(store, { UserName: 'alice', Password: 'S3cure!pass' }, context);
 */
export const createLoginProfile = defineAction(
  (
    store,
    input: { UserName?: string; Password: string; PasswordResetRequired?: boolean },
    context,
  ) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.userNameType },
      { member: 'Password', constraint: iamTypes.passwordType, required: true },
    ]);

    const user = targetUser(store, input.UserName, context);
    const existing = store.db
      .prepare('SELECT 1 FROM login_profiles WHERE user_id = ?')
      .get(user.id);
    if (existing) throw entityAlreadyExists(`Login Profile for user ${user.name} already exists.`);
    assertPasswordAllowed(store, input.Password, user.name);

    const created = context.now();
    const resetRequired = input.PasswordResetRequired ?? false;
    store.db
      .prepare(
        `INSERT INTO login_profiles (user_id, password_hash, password_reset_required, create_date)
         VALUES (?, ?, ?, ?)`,
      )
      .run(user.id, hashPassword(input.Password), resetRequired ? 1 : 0, created.getTime());
    return {
      LoginProfile: {
        UserName: user.name,
        CreateDate: created,
        PasswordResetRequired: resetRequired,
      },
    };
  },
);

/**
 * GetLoginProfile: when the password was set and whether a reset is required.
 *
 * @example
 * getLoginProfile(store, { UserName: 'alice' }, context).LoginProfile.CreateDate;
 */
export const getLoginProfile = defineAction((store, input: { UserName?: string }, context) => {
  validateInput(input, [{ member: 'UserName', constraint: iamTypes.userNameType }]);

  const user = targetUser(store, input.UserName, context);
  const profile = requireProfile(store, user);
  return {
    LoginProfile: {
      UserName: user.name,
      CreateDate: new Date(profile.create_date),
      PasswordResetRequired: profile.password_reset_required === 1,
    },
  };
});

/**
 * UpdateLoginProfile: a new password (checked as CreateLoginProfile checks it) and/or
 * reset flag.
 *
 * @example
 * updateLoginProfile(store, { UserName: 'alice', PasswordResetRequired: true }, context);
 */
export const updateLoginProfile = defineAction(
  (
    store,
    input: { UserName: string; Password?: string; PasswordResetRequired?: boolean },
    context,
  ) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.userNameType, required: true },
      { member: 'Password', constraint: iamTypes.passwordType },
    ]);

    const user = requireUser(store, input.UserName);
    const profile = requireProfile(store, user);
    assertModifiable(store, profile, user, context.now());
    if (input.Password !== undefined) {
      assertPasswordAllowed(store, input.Password, user.name);
      store.db
        .prepare('UPDATE login_profiles SET password_hash = ? WHERE user_id = ?')
        .run(hashPassword(input.Password), user.id);
    }
    if (input.PasswordResetRequired !== undefined) {
      store.db
        .prepare('UPDATE login_profiles SET password_reset_required = ? WHERE user_id = ?')
        .run(input.PasswordResetRequired ? 1 : 0, user.id);
    }
    return {};
  },
);

/**
 * DeleteLoginProfile: removes a user's console password.
 *
 * @example
 * deleteLoginProfile(store, { UserName: 'alice' }, context);
 */
export const deleteLoginProfile = defineAction((store, input: { UserName?: string }, context) => {
  validateInput(input, [{ member: 'UserName', constraint: iamTypes.userNameType }]);

  const user = targetUser(store, input.UserName, context);
  const profile = requireProfile(store, user);
  assertModifiable(store, profile, user, context.now());
  store.db.prepare('DELETE FROM login_profiles WHERE user_id = ?').run(user.id);
  return {};
});
