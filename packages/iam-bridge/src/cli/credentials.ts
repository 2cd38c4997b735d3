import type { Command } from 'commander';
import type { Credentials } from '@iam-bridge/sigv4';
import { usageError } from './cli-error.js';
import { readProfile, sharedFilePaths } from './shared-config-files.js';

/** Credential flags as commander hands them over. */
export interface CredentialFlags {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  profile?: string;
}

/** Credentials and where they were found, for messages such as `whoami`. */
export interface CliCredentials extends Credentials {
  source: 'flags' | 'environment' | `profile ${string}`;
}

/**
 * Adds `--access-key-id`, `--secret-access-key`, `--session-token` and `--profile`.
 *
 * @example addCredentialOptions(program.command('sign'))
 */
export function addCredentialOptions(command: Command): Command {
  return command
    .option('--access-key-id <id>', 'access key id (else AWS_ACCESS_KEY_ID, else the profile)')
    .option('--secret-access-key <secret>', 'secret access key (else AWS_SECRET_ACCESS_KEY)')
    .option('--session-token <token>', 'session token of temporary credentials')
    .option('--profile <name>', 'profile in the shared AWS files (else AWS_PROFILE, "default")');
}

/**
 * Finds static credentials for signing, in this order: the `--access-key-id` /
 * `--secret-access-key` / `--session-token` flags; an explicit `--profile` (as the AWS CLI
 * does, it wins over the environment); `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
 * `AWS_SESSION_TOKEN`; the profile named by `AWS_PROFILE` (else `default`) in the shared
 * credentials and config files (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`).
 *
 * Only static keys are read: a profile that assumes a role, uses SSO or runs a
 * `credential_process` is refused with `MissingCredentials` naming what it holds instead.
 *
 * @example
 * const credentials = resolveCliCredentials({ profile: 'dev' }, process.env);
 * signRequest(request, { credentials });
 */
export function resolveCliCredentials(
  options: CredentialFlags,
  env: NodeJS.ProcessEnv,
): CliCredentials {
  if (options.accessKeyId !== undefined || options.secretAccessKey !== undefined) {
    if (!options.accessKeyId || !options.secretAccessKey) {
      throw usageError(
        'MissingCredentials',
        '--access-key-id and --secret-access-key must be given together',
      );
    }
    return withToken(options.accessKeyId, options.secretAccessKey, options.sessionToken, 'flags');
  }
  if (options.sessionToken !== undefined) {
    throw usageError(
      'MissingCredentials',
      '--session-token needs --access-key-id and --secret-access-key',
    );
  }

  if (options.profile === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return withToken(
      env.AWS_ACCESS_KEY_ID,
      env.AWS_SECRET_ACCESS_KEY,
      env.AWS_SESSION_TOKEN,
      'environment',
    );
  }

  const profile = options.profile ?? env.AWS_PROFILE ?? 'default';
  return fromProfile(profile, env, options.profile !== undefined || !!env.AWS_PROFILE);
}

function fromProfile(profile: string, env: NodeJS.ProcessEnv, named: boolean): CliCredentials {
  const settings = readProfile(profile, env);
  if (!settings) {
    const { credentialsFile, configFile } = sharedFilePaths(env);
    throw usageError(
      'MissingCredentials',
      named
        ? `profile "${profile}" is not in ${credentialsFile} or ${configFile}`
        : 'no credentials: use --access-key-id/--secret-access-key, AWS_ACCESS_KEY_ID/' +
            'AWS_SECRET_ACCESS_KEY, or a profile in the shared AWS files',
    );
  }

  const accessKeyId = settings.get('aws_access_key_id');
  const secretAccessKey = settings.get('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey) {
    const other = ['role_arn', 'sso_session', 'sso_start_url', 'credential_process'].find((k) =>
      settings.has(k),
    );
    throw usageError(
      'MissingCredentials',
      `profile "${profile}" has no aws_access_key_id/aws_secret_access_key` +
        (other ? ` (it uses ${other}, which this command does not read)` : ''),
    );
  }
  return withToken(
    accessKeyId,
    secretAccessKey,
    settings.get('aws_session_token'),
    `profile ${profile}`,
  );
}

function withToken(
  accessKeyId: string,
  secretAccessKey: string,
  sessionToken: string | undefined,
  source: CliCredentials['source'],
): CliCredentials {
  return sessionToken
    ? { accessKeyId, secretAccessKey, sessionToken, source }
    : { accessKeyId, secretAccessKey, source };
}
