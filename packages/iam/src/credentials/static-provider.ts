import { checkCredentials } from './credentials.js';
import type { AwsCredentials, CredentialProvider } from './credentials.js';

/**
 * A provider for fixed credentials, checked once up front.
 *
 * @example
 * const provider = fromStatic({ accessKeyId: 'AKIA...', secretAccessKey: '...' });
 * await provider(); // the same object, with source 'static'
 */
export function fromStatic(credentials: AwsCredentials): CredentialProvider {
  const checked = checkCredentials(credentials, 'static credentials');
  const result: AwsCredentials = { ...checked, source: checked.source ?? 'static' };
  return async () => result;
}
