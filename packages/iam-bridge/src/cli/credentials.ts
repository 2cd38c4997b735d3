import type { Command } from 'commander';
import {
  defaultCredentialProvider,
  fromStatic,
  IamError,
  loadSharedConfig,
  memoizeProvider,
  type AwsCredentials,
  type CredentialProvider,
} from '@iam-bridge/iam';
import { usageError } from './cli-error.js';

/** Credential flags as commander hands them over. */
export interface CredentialFlags {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  profile?: string;
}

/**
 * Credentials and where they were found (`flags`, `environment`, `profile dev`, ...), for
 * messages; never printed with the secret.
 */
export interface CliCredentials extends AwsCredentials {
  source: string;
}

/** Error codes of `@iam-bridge/iam`'s chain that mean the local setup is wrong (exit 2). */
const SETUP_ERRORS: ReadonlySet<string> = new Set([
  'CredentialsNotFound',
  'InvalidConfigFile',
  'InvalidCredentials',
  'UnsupportedCredentialSource',
]);

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
 * A credential provider for the CLI's flags: the `--access-key-id` / `--secret-access-key` /
 * `--session-token` flags when given, else `@iam-bridge/iam`'s default chain: an explicit
 * `--profile` (as the AWS CLI does, it wins over the environment); `AWS_ACCESS_KEY_ID` /
 * `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`; the profile named by `AWS_PROFILE` (else
 * `default`) in the shared files, with static keys, `credential_process`, or `role_arn`
 * assumed through STS. The shared files are read once, when credentials are first asked for.
 * Errors are `IamError`s, as the clients expect (see `resolveCliCredentials` for CLI errors).
 *
 * @throws CliError `MissingCredentials` at once when the flags are incomplete
 * @example
 * const iam = new IamClient({ credentials: cliCredentialProvider({ profile: 'dev' }, env) });
 */
export function cliCredentialProvider(
  options: CredentialFlags,
  env: NodeJS.ProcessEnv,
): CredentialProvider {
  const fromFlags = flagCredentials(options);
  if (fromFlags) return fromStatic(fromFlags);

  return memoizeProvider(async () => {
    const sharedConfig = await loadSharedConfig({ env });
    return defaultCredentialProvider({
      env,
      sharedConfig,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    })();
  });
}

/**
 * Finds credentials for signing through `cliCredentialProvider`'s order (flags, `--profile`,
 * environment, `AWS_PROFILE`/`default` profile). A chain that finds nothing, or a profile it
 * cannot use, is a usage error (exit 2): `MissingCredentials` naming every source tried, or
 * the chain's own code (`InvalidConfigFile`, `UnsupportedCredentialSource`). STS refusing a
 * profile's role keeps AWS's code (exit 1).
 *
 * @example
 * const credentials = await resolveCliCredentials({ profile: 'dev' }, process.env);
 * signRequest(request, { credentials });
 */
export async function resolveCliCredentials(
  options: CredentialFlags,
  env: NodeJS.ProcessEnv,
): Promise<CliCredentials> {
  try {
    const credentials = await cliCredentialProvider(options, env)();
    return { ...credentials, source: credentials.source ?? 'unknown' };
  } catch (error) {
    throw cliCredentialError(error);
  }
}

/**
 * Maps a credential failure to the CLI's error: local setup problems become usage errors
 * (`CredentialsNotFound` is reported as `MissingCredentials`); anything else is returned as
 * it came.
 *
 * @example throw cliCredentialError(error);
 */
export function cliCredentialError(error: unknown): unknown {
  if (!(error instanceof IamError) || !SETUP_ERRORS.has(error.code)) return error;
  const code = error.code === 'CredentialsNotFound' ? 'MissingCredentials' : error.code;
  return usageError(code, error.message, error);
}

function flagCredentials(options: CredentialFlags): CliCredentials | undefined {
  if (options.accessKeyId !== undefined || options.secretAccessKey !== undefined) {
    if (!options.accessKeyId || !options.secretAccessKey) {
      throw usageError(
        'MissingCredentials',
        '--access-key-id and --secret-access-key must be given together',
      );
    }
    const credentials: CliCredentials = {
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      source: 'flags',
    };
    if (options.sessionToken) credentials.sessionToken = options.sessionToken;
    return credentials;
  }
  if (options.sessionToken !== undefined) {
    throw usageError(
      'MissingCredentials',
      '--session-token needs --access-key-id and --secret-access-key',
    );
  }
  return undefined;
}
