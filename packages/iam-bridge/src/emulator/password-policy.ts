import { defineAction } from './action.js';
import { noSuchEntity } from './errors.js';
import type { EmulatorStore } from './store.js';
import { validateInput } from './validation.js';

/**
 * IAM's `PasswordPolicy` shape.
 *
 * @example
 * const policy: PasswordPolicy = getAccountPasswordPolicy(store, {}, context).PasswordPolicy;
 */
export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

type PasswordPolicyInput = Partial<Omit<PasswordPolicy, 'ExpirePasswords'>>;

/**
 * The account's password policy, or `undefined` when none is set.
 *
 * @example
 * readPasswordPolicy(store)?.MinimumPasswordLength;
 */
export function readPasswordPolicy(store: EmulatorStore): PasswordPolicy | undefined {
  const row = store.db
    .prepare("SELECT value FROM account_settings WHERE name = 'password_policy'")
    .get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as PasswordPolicy) : undefined;
}

/**
 * GetAccountPasswordPolicy: `NoSuchEntity` while none is set, as AWS answers.
 *
 * @example
 * getAccountPasswordPolicy(store, {}, context); // throws until a policy is set
 */
export const getAccountPasswordPolicy = defineAction(
  (store): { PasswordPolicy: PasswordPolicy } => {
    const policy = readPasswordPolicy(store);
    if (!policy) {
      throw noSuchEntity(
        `The Password Policy with domain name ${store.accountId} cannot be found.`,
      );
    }
    return { PasswordPolicy: policy };
  },
);

/**
 * UpdateAccountPasswordPolicy: replaces the whole policy; members left out take AWS's
 * defaults: length 6, every requirement and permission off, no expiry.
 *
 * @example
 * updateAccountPasswordPolicy(store, { MinimumPasswordLength: 12 }, context);
 */
export const updateAccountPasswordPolicy = defineAction((store, input: PasswordPolicyInput) => {
  validateInput(input, [
    { member: 'MinimumPasswordLength', constraint: { type: 'integer', min: 6, max: 128 } },
    { member: 'MaxPasswordAge', constraint: { type: 'integer', min: 1, max: 1095 } },
    { member: 'PasswordReusePrevention', constraint: { type: 'integer', min: 1, max: 24 } },
  ]);

  const policy: PasswordPolicy = {
    MinimumPasswordLength: input.MinimumPasswordLength ?? 6,
    RequireSymbols: input.RequireSymbols ?? false,
    RequireNumbers: input.RequireNumbers ?? false,
    RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
    RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
    AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
    ExpirePasswords: input.MaxPasswordAge !== undefined,
    ...(input.MaxPasswordAge !== undefined ? { MaxPasswordAge: input.MaxPasswordAge } : {}),
    ...(input.PasswordReusePrevention !== undefined
      ? { PasswordReusePrevention: input.PasswordReusePrevention }
      : {}),
    ...(input.HardExpiry !== undefined ? { HardExpiry: input.HardExpiry } : {}),
  };
  store.db
    .prepare(
      `INSERT INTO account_settings (name, value) VALUES ('password_policy', ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
    )
    .run(JSON.stringify(policy));
  return {};
});

/**
 * DeleteAccountPasswordPolicy: removes the policy; `NoSuchEntity` when none is set.
 *
 * @example
 * deleteAccountPasswordPolicy(store, {}, context);
 */
export const deleteAccountPasswordPolicy = defineAction((store) => {
  const removed = store.db
    .prepare("DELETE FROM account_settings WHERE name = 'password_policy'")
    .run();
  if (removed.changes === 0) {
    throw noSuchEntity(`The Password Policy with domain name ${store.accountId} cannot be found.`);
  }
  return {};
});
