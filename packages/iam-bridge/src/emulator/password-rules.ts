import { EmulatorError } from './errors.js';
import { readPasswordPolicy, type PasswordPolicy } from './password-policy.js';
import type { EmulatorStore } from './store.js';

// The only characters IAM counts as symbols in a password policy.
const SYMBOL = /[!@#$%^&*()_+\-=[\]{}|']/;

const CHARACTER_TYPES = [
  { name: 'uppercase letter', pattern: /[A-Z]/ },
  { name: 'lowercase letter', pattern: /[a-z]/ },
  { name: 'number', pattern: /[0-9]/ },
  { name: 'symbol', pattern: SYMBOL },
];

/**
 * What AWS asks of a console password when the account sets no password policy: at least
 * 8 characters, at least three of upper case, lower case, numbers and symbols, and not
 * the user's or the account's name.
 *
 * @example
 * AWS_DEFAULT_PASSWORD_RULES.minimumLength; // 8
 */
export const AWS_DEFAULT_PASSWORD_RULES = Object.freeze({
  minimumLength: 8,
  minimumCharacterTypes: 3,
});

/**
 * The rules a new password breaks, each in AWS's "Password should ..." form: the
 * account's password policy when one is set, else AWS's default rules. An empty list
 * means the password is allowed.
 *
 * @example
 * passwordViolations(undefined, 'x', { userName: 'ana', accountNames: ['123456789012'] });
 * // ['Password should have a minimum length of 8', 'Password should have at least 3 of ...']
 */
export function passwordViolations(
  policy: PasswordPolicy | undefined,
  password: string,
  names: { userName: string; accountNames: readonly string[] },
): string[] {
  if (policy) return policyViolations(policy, password);

  const violations: string[] = [];
  const { minimumLength, minimumCharacterTypes } = AWS_DEFAULT_PASSWORD_RULES;
  if (password.length < minimumLength) {
    violations.push(`Password should have a minimum length of ${minimumLength}`);
  }
  const present = CHARACTER_TYPES.filter((type) => type.pattern.test(password)).length;
  if (present < minimumCharacterTypes) {
    const types = CHARACTER_TYPES.map((type) => type.name).join(', ');
    violations.push(
      `Password should have at least ${minimumCharacterTypes} of these character types: ${types}`,
    );
  }
  const lower = password.toLowerCase();
  if ([names.userName, ...names.accountNames].some((name) => name.toLowerCase() === lower)) {
    violations.push('Password should not be the same as the user name or the account name');
  }
  return violations;
}

/**
 * Refuses a new password that breaks the account's password policy, or AWS's default
 * rules when none is set, with `PasswordPolicyViolation` (400) naming every broken rule.
 *
 * @example
 * assertPasswordAllowed(store, 'Correct-Horse-7', 'alice');
 */
export function assertPasswordAllowed(
  store: EmulatorStore,
  password: string,
  userName: string,
): void {
  const violations = passwordViolations(readPasswordPolicy(store), password, {
    userName,
    accountNames: [store.accountId],
  });
  if (violations.length > 0) {
    throw new EmulatorError('PasswordPolicyViolation', 400, `${violations.join('; ')}.`);
  }
}

function policyViolations(policy: PasswordPolicy, password: string): string[] {
  const atLeastOne = (what: string) => `Password should have at least one ${what}`;
  const rules: Array<[boolean, string]> = [
    [
      password.length < policy.MinimumPasswordLength,
      `Password should have a minimum length of ${policy.MinimumPasswordLength}`,
    ],
    [policy.RequireUppercaseCharacters && !/[A-Z]/.test(password), atLeastOne('uppercase letter')],
    [policy.RequireLowercaseCharacters && !/[a-z]/.test(password), atLeastOne('lowercase letter')],
    [policy.RequireNumbers && !/[0-9]/.test(password), atLeastOne('number')],
    [policy.RequireSymbols && !SYMBOL.test(password), atLeastOne('symbol')],
  ];
  return rules.filter(([broken]) => broken).map(([, message]) => message);
}
