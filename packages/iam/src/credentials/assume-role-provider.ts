import { IamError } from '../errors.js';
import type { Environment } from '../endpoints/resolve-endpoint.js';
import type { FetchFunction } from '../transport/http-transport.js';
import type { AwsCredentials, CredentialProvider } from './credentials.js';
import { memoizeProvider } from './memoize.js';

/**
 * What `fromAssumeRole` needs: the role, the credentials to call STS with, and where STS is.
 *
 * @example
 * const options: AssumeRoleOptions = {
 *   roleArn: 'arn:aws:iam::123456789012:role/admin', sourceCredentials: fromEnv(),
 * };
 */
export interface AssumeRoleOptions {
  roleArn: string;
  sourceCredentials: CredentialProvider;
  roleSessionName?: string;
  externalId?: string;
  durationSeconds?: number;
  /** STS region; without one, the global endpoint. */
  region?: string;
  /** STS endpoint override; `AWS_ENDPOINT_URL_STS`/`AWS_ENDPOINT_URL` apply otherwise. */
  endpoint?: string;
  env?: Environment;
  fetch?: FetchFunction;
  /** For messages: the profile this role comes from. */
  profile?: string;
}

/**
 * Assumes a role through our own `StsClient` (`AssumeRole`) with the source credentials and
 * caches the temporary credentials until five minutes before they expire.
 *
 * @throws IamError STS's error, or `InvalidCredentials` when STS returns none
 * @example
 * const provider = fromAssumeRole({
 *   roleArn: 'arn:aws:iam::123456789012:role/admin',
 *   sourceCredentials: fromEnv(), roleSessionName: 'deploy', externalId: 'x-123',
 * });
 */
export function fromAssumeRole(options: AssumeRoleOptions): CredentialProvider {
  const source = options.profile ? `profile ${options.profile} role_arn` : 'assume role';
  return memoizeProvider(async () => {
    // Imported when first needed: the STS client is itself built on this module's callers.
    const { StsClient } = await import('../client/sts-client.js');
    const sts = new StsClient({
      credentials: options.sourceCredentials,
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    const output = await sts.send('AssumeRole', {
      RoleArn: options.roleArn,
      RoleSessionName: options.roleSessionName ?? `iam-bridge-${Date.now()}`,
      ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
      ...(options.durationSeconds === undefined
        ? {}
        : { DurationSeconds: options.durationSeconds }),
    });
    const issued = output.Credentials;
    if (!issued?.AccessKeyId || !issued.SecretAccessKey) {
      throw new IamError({
        code: 'InvalidCredentials',
        message: `AssumeRole of ${options.roleArn} returned no credentials`,
      });
    }
    const credentials: AwsCredentials = {
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      source,
    };
    if (issued.SessionToken) credentials.sessionToken = issued.SessionToken;
    if (issued.Expiration instanceof Date) credentials.expiration = issued.Expiration;
    return credentials;
  });
}
