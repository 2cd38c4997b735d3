import { IamError } from '../errors.js';
import type { Environment } from '../endpoints/resolve-endpoint.js';
import type { AwsCredentials, CredentialProvider } from './credentials.js';

/**
 * Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`
 * (or its older name `AWS_SECURITY_TOKEN`) when called.
 *
 * @throws IamError `CredentialsNotFound` when the two required variables are not both set
 * @example
 * const provider = fromEnv({ env: process.env });
 * const { accessKeyId } = await provider();
 */
export function fromEnv(options: { env?: Environment } = {}): CredentialProvider {
  return async () => {
    const env = options.env ?? process.env;
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      const missing = !accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
      throw new IamError({
        code: 'CredentialsNotFound',
        message: `environment: ${missing} is not set`,
      });
    }
    const credentials: AwsCredentials = { accessKeyId, secretAccessKey, source: 'environment' };
    const sessionToken = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN;
    if (sessionToken) credentials.sessionToken = sessionToken;
    return credentials;
  };
}
