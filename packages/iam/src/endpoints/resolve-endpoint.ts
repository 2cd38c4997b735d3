import { IamError } from '../errors.js';
import { checkRegion, findPartition, partitionOfRegion } from './partitions.js';
import type { PartitionName, ServiceName } from './partitions.js';

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * What an endpoint is resolved from. `profileEndpointUrl` is the profile's `endpoint_url`
 * for this service (its `services` section) or for all services, already looked up.
 *
 * @example
 * const input: EndpointInput = { service: 'iam', region: 'eu-west-1', env: process.env };
 */
export interface EndpointInput {
  service: ServiceName;
  region?: string;
  partition?: PartitionName;
  fips?: boolean;
  /** An explicit endpoint URL, as the CLI's `--endpoint-url`; wins over everything. */
  endpoint?: string;
  /** Signing region for a custom endpoint; default the partition's (us-east-1 for IAM). */
  signingRegion?: string;
  env?: Environment;
  profileEndpointUrl?: string;
}

/** Where a resolved endpoint came from. */
export type EndpointSource = 'option' | 'env-service' | 'env-global' | 'profile' | 'partition';

/**
 * A resolved endpoint: the URL to send to, and the region and service to sign with.
 *
 * @example
 * const endpoint: ResolvedEndpoint = {
 *   url: 'https://iam.amazonaws.com/', signingRegion: 'us-east-1', service: 'iam',
 *   partition: 'aws', source: 'partition',
 * };
 */
export interface ResolvedEndpoint {
  url: string;
  signingRegion: string;
  service: ServiceName;
  partition: PartitionName;
  source: EndpointSource;
}

/**
 * Resolves where IAM or STS requests go and how they are signed. Order: the `endpoint`
 * option, `AWS_ENDPOINT_URL_IAM`/`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's
 * `endpoint_url`, then the partition table (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips
 * the environment and profile). IAM is global: a region only picks the partition, so
 * eu-west-1 still gives `https://iam.amazonaws.com` signed for us-east-1. STS uses its
 * regional endpoint when a region is known, its global endpoint otherwise.
 *
 * @throws IamError `InvalidEndpoint`, `InvalidRegion`, `InvalidPartition`, `FipsNotAvailable`
 * @example
 * resolveEndpoint({ service: 'iam', region: 'cn-north-1', env: {} }).url;
 * // 'https://iam.cn-north-1.amazonaws.com.cn/'
 * resolveEndpoint({ service: 'sts', region: 'eu-west-1', env: {} }).url;
 * // 'https://sts.eu-west-1.amazonaws.com/'
 */
export function resolveEndpoint(input: EndpointInput): ResolvedEndpoint {
  const env = input.env ?? {};
  const region = input.region === undefined || input.region === '' ? undefined : input.region;
  if (region !== undefined) checkRegion(region);
  const partitionName = input.partition ?? (region ? partitionOfRegion(region) : 'aws');
  const partition = findPartition(partitionName);
  if (input.partition && region && partitionOfRegion(region) !== input.partition) {
    throw new IamError({
      code: 'InvalidRegion',
      message: `region ${region} is not in partition ${input.partition}`,
    });
  }

  const defaultSigningRegion =
    input.service === 'iam'
      ? partition.iam.signingRegion
      : (region ?? partition.stsGlobal.signingRegion);
  const custom = customEndpoint(input, env);
  if (custom) {
    return {
      url: checkEndpointUrl(custom.url),
      signingRegion: input.signingRegion ?? defaultSigningRegion,
      service: input.service,
      partition: partitionName,
      source: custom.source,
    };
  }

  const fips = input.fips ?? isTrue(env.AWS_USE_FIPS_ENDPOINT);
  const url =
    input.service === 'iam' ? iamUrl(partitionName, fips) : stsUrl(partitionName, region, fips);
  return {
    url: checkEndpointUrl(url),
    signingRegion: input.signingRegion ?? defaultSigningRegion,
    service: input.service,
    partition: partitionName,
    source: 'partition',
  };
}

function customEndpoint(
  input: EndpointInput,
  env: Environment,
): { url: string; source: EndpointSource } | undefined {
  if (input.endpoint) return { url: input.endpoint, source: 'option' };
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return undefined;

  const serviceVariable = `AWS_ENDPOINT_URL_${input.service.toUpperCase()}`;
  if (env[serviceVariable]) return { url: env[serviceVariable]!, source: 'env-service' };
  if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, source: 'env-global' };
  if (input.profileEndpointUrl) return { url: input.profileEndpointUrl, source: 'profile' };
  return undefined;
}

function iamUrl(partitionName: PartitionName, fips: boolean): string {
  const { iam } = findPartition(partitionName);
  if (!fips) return iam.url;
  if (iam.fipsUrl === undefined) throw fipsNotAvailable('iam', partitionName);
  return iam.fipsUrl;
}

function stsUrl(partitionName: PartitionName, region: string | undefined, fips: boolean): string {
  const partition = findPartition(partitionName);
  if (fips && partition.stsFips === 'none') throw fipsNotAvailable('sts', partitionName);
  if (region === undefined) {
    if (fips && partition.stsFips === 'prefix') {
      return `https://sts-fips.us-east-1.${partition.dnsSuffix}`;
    }
    return partition.stsGlobal.url;
  }
  const host = fips && partition.stsFips === 'prefix' ? 'sts-fips' : 'sts';
  return `https://${host}.${region}.${partition.dnsSuffix}`;
}

function checkEndpointUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidEndpoint(text, 'it is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidEndpoint(text, 'only http and https are supported');
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalidEndpoint(text, 'it must not carry a query or fragment');
  }
  return url.href;
}

function invalidEndpoint(text: string, reason: string): IamError {
  return new IamError({
    code: 'InvalidEndpoint',
    message: `endpoint ${JSON.stringify(text)} cannot be used: ${reason}`,
  });
}

function fipsNotAvailable(service: ServiceName, partitionName: PartitionName): IamError {
  return new IamError({
    code: 'FipsNotAvailable',
    message: `${service} has no FIPS endpoint in partition ${partitionName}`,
  });
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}
