import { IamError } from '../errors.js';
import type { Environment } from '../endpoints/resolve-endpoint.js';
import type { FetchFunction } from '../transport/http-transport.js';
import type { CredentialProvider } from './credentials.js';
import { fromEnv } from './env-provider.js';
import { memoizeProvider } from './memoize.js';
import { fromProfile } from './profile-provider.js';
import { loadSharedConfig, selectedProfile } from './shared-config.js';
import type { SharedConfig } from './shared-config.js';

/**
 * Options of `defaultCredentialProvider`.
 *
 * @example
 * const options: DefaultChainOptions = { profile: 'admin' };
 */
export interface DefaultChainOptions {
  /** A profile asked for by name skips the environment variables, as the CLI's --profile. */
  profile?: string;
  env?: Environment;
  sharedConfig?: SharedConfig;
  fetch?: FetchFunction;
}

/**
 * The default chain after an explicit `credentials` option: the environment variables,
 * then the profile (`AWS_PROFILE` or `default`) in the shared files. The first source that
 * has credentials wins; a source that has them but fails (STS refuses the role) stops the
 * chain with its own error. Cached until near expiry.
 *
 * @throws IamError `CredentialsNotFound` naming every source tried and why it gave nothing
 * @example
 * const provider = defaultCredentialProvider({ env: process.env });
 * const { accessKeyId } = await provider();
 */
export function defaultCredentialProvider(options: DefaultChainOptions = {}): CredentialProvider {
  const env = options.env ?? process.env;
  return memoizeProvider(async () => {
    const tried: string[] = ['credentials option: not given'];
    if (options.profile === undefined) {
      try {
        return await fromEnv({ env })();
      } catch (error) {
        tried.push(reasonOf(error));
      }
    } else {
      tried.push(`environment: skipped, profile ${options.profile} was asked for`);
    }

    const sharedConfig = options.sharedConfig ?? (await loadSharedConfig({ env }));
    try {
      return await fromProfile({
        env,
        sharedConfig,
        profile: selectedProfile(options.profile, env),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      })();
    } catch (error) {
      if (!(error instanceof IamError) || error.code !== 'CredentialsNotFound') throw error;
      tried.push(`shared files: ${error.message}`);
    }

    throw new IamError({
      code: 'CredentialsNotFound',
      message: `no AWS credentials found; tried ${tried.join('; ')}`,
    });
  });
}

function reasonOf(error: unknown): string {
  if (error instanceof IamError && error.code === 'CredentialsNotFound') return error.message;
  throw error;
}
