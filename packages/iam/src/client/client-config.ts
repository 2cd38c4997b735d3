import type { CredentialProvider } from '../credentials/credentials.js';
import { defaultCredentialProvider } from '../credentials/default-chain.js';
import { memoizeProvider } from '../credentials/memoize.js';
import {
  loadSharedConfig,
  profileEndpointUrl,
  profileValue,
  selectedProfile,
} from '../credentials/shared-config.js';
import type { SharedConfig } from '../credentials/shared-config.js';
import { fromStatic } from '../credentials/static-provider.js';
import type { ServiceName } from '../endpoints/partitions.js';
import { resolveEndpoint } from '../endpoints/resolve-endpoint.js';
import type { ResolvedEndpoint } from '../endpoints/resolve-endpoint.js';
import type { QueryClientOptions } from './client-options.js';

/**
 * What a client needs before its first request: where to send and how to sign.
 *
 * @example
 * const { endpoint, credentials } = await resolveClientConfig('iam', {});
 */
export interface ClientConfig {
  endpoint: ResolvedEndpoint;
  credentials: CredentialProvider;
}

/**
 * Resolves a client's endpoint and credentials provider from its options, the environment
 * and the profile files (read only when an option leaves something open).
 *
 * @throws IamError from `resolveEndpoint` or `loadSharedConfig`
 * @example
 * const config = await resolveClientConfig('sts', { region: 'eu-west-1' });
 * config.endpoint.url; // 'https://sts.eu-west-1.amazonaws.com/'
 */
export async function resolveClientConfig(
  service: ServiceName,
  options: QueryClientOptions,
): Promise<ClientConfig> {
  const env = options.env ?? process.env;
  const needsFiles =
    options.credentials === undefined ||
    (options.endpoint === undefined && !env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`]) ||
    (options.region === undefined && !env.AWS_REGION && !env.AWS_DEFAULT_REGION);
  const shared: SharedConfig | undefined = needsFiles ? await loadSharedConfig({ env }) : undefined;
  const profileName = selectedProfile(options.profile, env);
  const profile = shared?.profiles[profileName];

  const region =
    options.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || profileValue(profile, 'region'));
  const useFips =
    options.useFipsEndpoint ?? fipsFromProfile(profileValue(profile, 'use_fips_endpoint'));
  const endpoint = resolveEndpoint({
    service,
    env,
    ...(region === undefined ? {} : { region }),
    ...(options.partition === undefined ? {} : { partition: options.partition }),
    ...(useFips === undefined ? {} : { fips: useFips }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.signingRegion === undefined ? {} : { signingRegion: options.signingRegion }),
    ...profileEndpoint(shared, profileName, service),
  });

  return { endpoint, credentials: credentialProvider(options, shared) };
}

function credentialProvider(
  options: QueryClientOptions,
  shared: SharedConfig | undefined,
): CredentialProvider {
  const { credentials } = options;
  if (typeof credentials === 'function') return memoizeProvider(credentials);
  if (credentials !== undefined) return fromStatic(credentials);
  return defaultCredentialProvider({
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(shared === undefined ? {} : { sharedConfig: shared }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

function profileEndpoint(
  shared: SharedConfig | undefined,
  profileName: string,
  service: ServiceName,
): { profileEndpointUrl?: string } {
  if (shared === undefined) return {};
  const url = profileEndpointUrl(shared, profileName, service);
  return url === undefined ? {} : { profileEndpointUrl: url };
}

function fipsFromProfile(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value.toLowerCase() === 'true';
}
