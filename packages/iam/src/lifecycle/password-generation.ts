import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '../generated/iam-types.js';
import type { IamCaller, SendOptions } from './iam-caller.js';
import { hasErrorCode } from './lifecycle-error.js';

/**
 * The policy AWS applies when the account sets none: at least 8 characters and three of
 * upper case, lower case, digits and symbols.
 *
 * @example
 * generatePassword(AWS_DEFAULT_PASSWORD_POLICY).length; // 20
 */
export const AWS_DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  MinimumPasswordLength: 8,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
});

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
// The symbols IAM counts as such in a password policy.
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

/**
 * Reads the account's password policy; an account without one (`NoSuchEntity`) gets
 * AWS's default policy.
 *
 * @example
 * const policy = await readPasswordPolicy(client);
 */
export async function readPasswordPolicy(
  caller: IamCaller,
  options: SendOptions = {},
): Promise<PasswordPolicy> {
  try {
    const { PasswordPolicy } = await caller.send('GetAccountPasswordPolicy', {}, options);
    return PasswordPolicy;
  } catch (error) {
    if (hasErrorCode(error, 'NoSuchEntity')) return AWS_DEFAULT_PASSWORD_POLICY;
    throw error;
  }
}

/**
 * A random password satisfying `policy`: at least 20 characters (or the policy's minimum,
 * if higher), with one character of every class the policy requires and all four classes
 * drawn from, using a cryptographic random source. Look-alike characters are left out.
 *
 * @example
 * const password = generatePassword({ MinimumPasswordLength: 32, RequireSymbols: true });
 */
export function generatePassword(policy: PasswordPolicy = AWS_DEFAULT_PASSWORD_POLICY): string {
  const length = Math.min(128, Math.max(20, policy.MinimumPasswordLength ?? 8));
  const classes = [UPPER, LOWER, DIGITS, SYMBOLS];
  const characters = classes.map(pick);
  const alphabet = classes.join('');
  while (characters.length < length) characters.push(pick(alphabet));

  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other], characters[index]];
  }
  return characters.join('');
}

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)];
}
