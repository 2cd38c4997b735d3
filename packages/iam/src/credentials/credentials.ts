import type { Credentials } from '@iam-bridge/sigv4';
import { IamError } from '../errors.js';

/**
 * Credentials as providers hand them out: the signing triple, when temporary ones expire,
 * and which source they came from (for messages; never the secret).
 *
 * @example
 * const credentials: AwsCredentials = {
 *   accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: '...', source: 'env',
 * };
 */
export interface AwsCredentials extends Credentials {
  expiration?: Date;
  source?: string;
}

/**
 * Anything that can produce credentials when asked; called again when they near expiry.
 *
 * @example
 * const provider: CredentialProvider = async () => ({ accessKeyId, secretAccessKey });
 */
export type CredentialProvider = () => Promise<AwsCredentials>;

/**
 * Checks that a value holds an access key id and a secret, naming the source otherwise.
 * The message never quotes the values.
 *
 * @throws IamError `InvalidCredentials`
 * @example
 * checkCredentials({ accessKeyId: 'AKIA...', secretAccessKey: 's' }, 'static');
 */
export function checkCredentials(value: unknown, source: string): AwsCredentials {
  const candidate = value as Partial<AwsCredentials> | null | undefined;
  const missing = ['accessKeyId', 'secretAccessKey'].filter((name) => {
    const field = candidate?.[name as 'accessKeyId'];
    return typeof field !== 'string' || field === '';
  });
  if (missing.length > 0) {
    throw new IamError({
      code: 'InvalidCredentials',
      message: `credentials from ${source} lack ${missing.join(' and ')}`,
    });
  }
  const sessionToken = candidate!.sessionToken;
  if (sessionToken !== undefined && typeof sessionToken !== 'string') {
    throw new IamError({
      code: 'InvalidCredentials',
      message: `credentials from ${source} have a session token that is not a string`,
    });
  }
  return candidate as AwsCredentials;
}

/**
 * Shows credentials for logs and messages: the access key id and source only.
 *
 * @example
 * describeCredentials({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x', source: 'env' });
 * // 'AKIAEXAMPLE (env)'
 */
export function describeCredentials(credentials: AwsCredentials): string {
  return `${credentials.accessKeyId} (${credentials.source ?? 'unknown source'})`;
}
