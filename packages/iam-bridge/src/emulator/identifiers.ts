import { randomBytes } from 'node:crypto';

const upperAlphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += alphabet[byte % alphabet.length];
  return text;
}

/**
 * The prefixes AWS gives its unique ids, by kind of entity.
 *
 * @example
 * uniqueIdPrefixes.user; // 'AIDA'
 */
export const uniqueIdPrefixes = {
  user: 'AIDA',
  group: 'AGPA',
  policy: 'ANPA',
  accessKey: 'AKIA',
  sshPublicKey: 'APKA',
  serviceSpecificCredential: 'ACCA',
} as const;

/**
 * A unique id in AWS's form: a four-letter prefix and 17 upper-case alphanumerics.
 *
 * @example
 * newUniqueId('user'); // 'AIDAJQABLZS4A3QDU576Q'
 */
export function newUniqueId(kind: 'user' | 'group' | 'policy'): string {
  return uniqueIdPrefixes[kind] + randomFrom(upperAlphanumerics, 17);
}

/**
 * An access key id: `AKIA` and 16 base32 characters, 20 in all.
 *
 * @example
 * newAccessKeyId(); // 'AKIAIOSFODNN7EXAMPL2'
 */
export function newAccessKeyId(): string {
  return uniqueIdPrefixes.accessKey + randomFrom(base32Alphabet, 16);
}

/**
 * A secret access key: 40 characters of the base64 alphabet.
 *
 * @example
 * newSecretAccessKey().length; // 40
 */
export function newSecretAccessKey(): string {
  return randomFrom(secretAlphabet, 40);
}

/**
 * An SSH public key id (`APKA` + 16) or a service-specific credential id (`ACCA` + 17).
 *
 * @example
 * newCredentialId('sshPublicKey'); // 'APKAEIBAERJR2EXAMPLE'
 */
export function newCredentialId(kind: 'sshPublicKey' | 'serviceSpecificCredential'): string {
  const length = kind === 'sshPublicKey' ? 16 : 17;
  return uniqueIdPrefixes[kind] + randomFrom(base32Alphabet, length);
}

/**
 * A signing certificate id: 24 upper-case alphanumerics, as AWS issues them.
 *
 * @example
 * newCertificateId().length; // 24
 */
export function newCertificateId(): string {
  return randomFrom(upperAlphanumerics, 24);
}

/**
 * Random characters from a given alphabet, for passwords and MFA seeds.
 *
 * @example
 * randomText('ABC', 4); // 'CABA'
 */
export function randomText(alphabet: string, length: number): string {
  return randomFrom(alphabet, length);
}

/**
 * The ARN of an IAM entity: `arn:aws:iam::<account>:<kind><path><name>`.
 *
 * @example
 * iamArn('123456789012', 'user', '/dev/', 'alice'); // 'arn:aws:iam::123456789012:user/dev/alice'
 */
export function iamArn(
  accountId: string,
  kind: 'user' | 'group' | 'policy' | 'mfa',
  path: string,
  name: string,
): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

/**
 * The ARN of the account's root user.
 *
 * @example
 * rootArn('123456789012'); // 'arn:aws:iam::123456789012:root'
 */
export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}
