import {
  IamError,
  loadSharedConfig,
  selectedProfile,
  sharedFilePaths,
  type Profile,
  type SharedConfig,
} from '@iam-bridge/iam';
import { usageError } from './cli-error.js';

/**
 * Where the shared credentials and config files are: `AWS_SHARED_CREDENTIALS_FILE` and
 * `AWS_CONFIG_FILE` when set (a leading `~` is the home directory), else
 * `~/.aws/credentials` and `~/.aws/config`. The same rule `@iam-bridge/iam` reads them by.
 *
 * @example sharedFilePaths({ HOME: '/home/me' }).configFile // '/home/me/.aws/config'
 */
export { sharedFilePaths };

/**
 * Reads and merges both shared files with `@iam-bridge/iam`'s parser (a missing file reads as
 * empty); a file the parser cannot read is bad input, so it becomes a usage error (exit 2)
 * naming the file and line.
 *
 * @example
 * const config = await readSharedFiles(process.env);
 * Object.keys(config.profiles); // ['default', 'dev']
 */
export async function readSharedFiles(env: NodeJS.ProcessEnv): Promise<SharedConfig> {
  try {
    return await loadSharedConfig({ env });
  } catch (error) {
    if (error instanceof IamError) throw usageError(error.code, error.message, error);
    throw error;
  }
}

/**
 * The settings of one profile, merged from both files (the credentials file wins key by key
 * over the config file's `[profile name]` or `[default]`), or undefined when neither file has
 * it. Without a name, the profile in effect: `AWS_PROFILE`, else `default`.
 *
 * @example (await readProfile('dev', process.env))?.region // 'eu-west-1'
 */
export async function readProfile(
  profile: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<Profile | undefined> {
  const config = await readSharedFiles(env);
  return config.profiles[selectedProfile(profile, env)];
}
