import { IamError } from '../errors.js';
import type { Environment } from '../endpoints/resolve-endpoint.js';
import type { FetchFunction } from '../transport/http-transport.js';
import { fromAssumeRole } from './assume-role-provider.js';
import type { AwsCredentials, CredentialProvider } from './credentials.js';
import { fromEnv } from './env-provider.js';
import { fromProcess } from './process-provider.js';
import { loadSharedConfig, profileValue, selectedProfile } from './shared-config.js';
import type { Profile, SharedConfig } from './shared-config.js';

/**
 * Options of `fromProfile`.
 *
 * @example
 * const options: ProfileOptions = { profile: 'admin', env: process.env };
 */
export interface ProfileOptions {
  /** Default `AWS_PROFILE`, else `default`. */
  profile?: string;
  env?: Environment;
  /** Already loaded files; read from `AWS_CONFIG_FILE`/`AWS_SHARED_CREDENTIALS_FILE` if not. */
  sharedConfig?: SharedConfig;
  fetch?: FetchFunction;
}

/**
 * Credentials of a named profile in the shared files, in the AWS CLI's order: `role_arn`
 * (with `source_profile` or `credential_source = Environment`, assumed through STS with
 * `role_session_name`, `external_id`, `duration_seconds`, cached until near expiry), then
 * `credential_process`, then `aws_access_key_id`/`aws_secret_access_key`/`aws_session_token`.
 * Not supported, and refused by name: `mfa_serial`, SSO profiles, instance and container
 * credential sources.
 *
 * @throws IamError `CredentialsNotFound` (no such profile, or no credentials in it),
 *   `InvalidConfigFile` (a `source_profile` cycle), `UnsupportedCredentialSource`
 * @example
 * const provider = fromProfile({ profile: 'admin' });
 * const credentials = await provider();
 */
export function fromProfile(options: ProfileOptions = {}): CredentialProvider {
  let resolved: CredentialProvider | undefined;
  return async () => {
    if (resolved === undefined) {
      const env = options.env ?? process.env;
      const config = options.sharedConfig ?? (await loadSharedConfig({ env }));
      resolved = providerFor(selectedProfile(options.profile, env), config, options, []);
    }
    return resolved();
  };
}

function providerFor(
  name: string,
  config: SharedConfig,
  options: ProfileOptions,
  chain: string[],
): CredentialProvider {
  const profile = config.profiles[name];
  if (profile === undefined) {
    throw new IamError({
      code: 'CredentialsNotFound',
      message: `profile ${name} is not in ${config.configFile} or ${config.credentialsFile}`,
    });
  }
  if (chain.includes(name)) {
    throw new IamError({
      code: 'InvalidConfigFile',
      message: `source_profile loop: ${[...chain, name].join(' -> ')}`,
    });
  }

  const roleArn = profileValue(profile, 'role_arn');
  if (roleArn !== undefined) return roleProvider(name, profile, roleArn, config, options, chain);
  if (profileValue(profile, 'credential_process') !== undefined) {
    return fromProcess({
      command: profileValue(profile, 'credential_process')!,
      profile: name,
      ...(options.env === undefined ? {} : { env: options.env }),
    });
  }
  const keys = staticKeys(name, profile);
  if (keys) return async () => keys;

  if (profileValue(profile, 'sso_start_url') || profileValue(profile, 'sso_session')) {
    throw unsupported(`profile ${name} uses SSO, which this client does not support`);
  }
  throw new IamError({
    code: 'CredentialsNotFound',
    message: `profile ${name} has no aws_access_key_id, role_arn or credential_process`,
  });
}

function roleProvider(
  name: string,
  profile: Profile,
  roleArn: string,
  config: SharedConfig,
  options: ProfileOptions,
  chain: string[],
): CredentialProvider {
  if (profileValue(profile, 'mfa_serial') !== undefined) {
    throw unsupported(`profile ${name} needs an MFA code (mfa_serial), which is not supported`);
  }
  const duration = profileValue(profile, 'duration_seconds');
  const durationSeconds = duration === undefined ? undefined : Number(duration);
  if (durationSeconds !== undefined && !Number.isInteger(durationSeconds)) {
    throw new IamError({
      code: 'InvalidConfigFile',
      message: `profile ${name} duration_seconds is not a whole number`,
    });
  }

  const region = profileValue(profile, 'region');
  const sessionName = profileValue(profile, 'role_session_name');
  const externalId = profileValue(profile, 'external_id');
  return fromAssumeRole({
    roleArn,
    sourceCredentials: sourceProvider(name, profile, config, options, chain),
    profile: name,
    ...(sessionName === undefined ? {} : { roleSessionName: sessionName }),
    ...(externalId === undefined ? {} : { externalId }),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    ...(region === undefined ? {} : { region }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

function sourceProvider(
  name: string,
  profile: Profile,
  config: SharedConfig,
  options: ProfileOptions,
  chain: string[],
): CredentialProvider {
  const sourceProfile = profileValue(profile, 'source_profile');
  const credentialSource = profileValue(profile, 'credential_source');
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw new IamError({
      code: 'InvalidConfigFile',
      message: `profile ${name} sets both source_profile and credential_source`,
    });
  }
  if (sourceProfile === name) {
    // A profile may name itself as source: its own keys then call AssumeRole.
    const keys = staticKeys(name, profile);
    if (keys) return async () => keys;
  }
  if (sourceProfile !== undefined) {
    return providerFor(sourceProfile, config, options, [...chain, name]);
  }
  if (credentialSource === 'Environment') {
    return fromEnv(options.env === undefined ? {} : { env: options.env });
  }
  if (credentialSource !== undefined) {
    throw unsupported(`profile ${name} credential_source ${credentialSource} is not supported`);
  }
  throw new IamError({
    code: 'InvalidConfigFile',
    message: `profile ${name} has role_arn but neither source_profile nor credential_source`,
  });
}

function staticKeys(name: string, profile: Profile): AwsCredentials | undefined {
  const accessKeyId = profileValue(profile, 'aws_access_key_id');
  const secretAccessKey = profileValue(profile, 'aws_secret_access_key');
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? 'aws_access_key_id' : 'aws_secret_access_key';
    throw new IamError({
      code: 'InvalidConfigFile',
      message: `profile ${name} has no ${missing}`,
    });
  }
  const credentials: AwsCredentials = { accessKeyId, secretAccessKey, source: `profile ${name}` };
  const sessionToken = profileValue(profile, 'aws_session_token');
  if (sessionToken !== undefined) credentials.sessionToken = sessionToken;
  return credentials;
}

function unsupported(message: string): IamError {
  return new IamError({ code: 'UnsupportedCredentialSource', message });
}
