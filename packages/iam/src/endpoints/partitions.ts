import { IamError } from '../errors.js';

/** The AWS partitions IAM and STS live in. */
export type PartitionName = 'aws' | 'aws-cn' | 'aws-us-gov';

/** The services this package talks to. */
export type ServiceName = 'iam' | 'sts';

/**
 * What a partition needs for endpoint building: its DNS suffix and the global services'
 * endpoints and signing regions.
 *
 * @example
 * PARTITIONS['aws-cn'].iam.signingRegion; // 'cn-north-1'
 */
export interface Partition {
  readonly name: PartitionName;
  readonly dnsSuffix: string;
  /** IAM is global per partition: one endpoint and one signing region. */
  readonly iam: { readonly url: string; readonly fipsUrl?: string; readonly signingRegion: string };
  /** The region STS's global endpoint signs with. */
  readonly stsGlobal: { readonly url: string; readonly signingRegion: string };
  /** Whether STS regional endpoints carry an `-fips` variant; us-gov's are FIPS already. */
  readonly stsFips: 'prefix' | 'builtin' | 'none';
}

/**
 * The partition table. IAM endpoints and signing regions are AWS's published ones.
 *
 * @example
 * PARTITIONS.aws.iam.url; // 'https://iam.amazonaws.com'
 */
export const PARTITIONS: Readonly<Record<PartitionName, Partition>> = {
  aws: {
    name: 'aws',
    dnsSuffix: 'amazonaws.com',
    iam: {
      url: 'https://iam.amazonaws.com',
      fipsUrl: 'https://iam-fips.amazonaws.com',
      signingRegion: 'us-east-1',
    },
    stsGlobal: { url: 'https://sts.amazonaws.com', signingRegion: 'us-east-1' },
    stsFips: 'prefix',
  },
  'aws-cn': {
    name: 'aws-cn',
    dnsSuffix: 'amazonaws.com.cn',
    iam: { url: 'https://iam.cn-north-1.amazonaws.com.cn', signingRegion: 'cn-north-1' },
    stsGlobal: { url: 'https://sts.cn-north-1.amazonaws.com.cn', signingRegion: 'cn-north-1' },
    stsFips: 'none',
  },
  'aws-us-gov': {
    name: 'aws-us-gov',
    dnsSuffix: 'amazonaws.com',
    // The us-gov IAM endpoint is FIPS 140 validated, so it serves both variants.
    iam: {
      url: 'https://iam.us-gov.amazonaws.com',
      fipsUrl: 'https://iam.us-gov.amazonaws.com',
      signingRegion: 'us-gov-west-1',
    },
    stsGlobal: { url: 'https://sts.us-gov-west-1.amazonaws.com', signingRegion: 'us-gov-west-1' },
    stsFips: 'builtin',
  },
};

const REGION_NAME = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;

/**
 * The partition a region belongs to: `cn-*` is aws-cn, `us-gov-*` is aws-us-gov, any other
 * region is aws.
 *
 * @example
 * partitionOfRegion('cn-northwest-1'); // 'aws-cn'
 * partitionOfRegion('eu-west-1'); // 'aws'
 */
export function partitionOfRegion(region: string): PartitionName {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Checks that a region name looks like one (`eu-west-1`), so it can go into a host name.
 *
 * @throws IamError `InvalidRegion`
 * @example
 * checkRegion('eu-west-1'); // 'eu-west-1'
 */
export function checkRegion(region: string): string {
  if (!REGION_NAME.test(region)) {
    throw new IamError({
      code: 'InvalidRegion',
      message: `${JSON.stringify(region)} is not a region name such as us-east-1`,
    });
  }
  return region;
}

/**
 * Looks a partition up by name.
 *
 * @throws IamError `InvalidPartition`
 * @example
 * findPartition('aws-us-gov').iam.signingRegion; // 'us-gov-west-1'
 */
export function findPartition(name: string): Partition {
  if (!Object.hasOwn(PARTITIONS, name)) {
    const known = Object.keys(PARTITIONS).join(', ');
    throw new IamError({
      code: 'InvalidPartition',
      message: `unknown partition ${JSON.stringify(name)}; known: ${known}`,
    });
  }
  return PARTITIONS[name as PartitionName];
}
