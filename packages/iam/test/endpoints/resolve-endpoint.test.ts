import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionOfRegion } from '../../src/endpoints/partitions.js';
import { resolveEndpoint } from '../../src/endpoints/resolve-endpoint.js';
import type { EndpointInput } from '../../src/endpoints/resolve-endpoint.js';

const cases: Array<[string, EndpointInput, string, string]> = [
  ['aws by default', { service: 'iam' }, 'https://iam.amazonaws.com/', 'us-east-1'],
  [
    'eu-west-1 keeps IAM on us-east-1',
    { service: 'iam', region: 'eu-west-1' },
    'https://iam.amazonaws.com/',
    'us-east-1',
  ],
  [
    'aws-cn from a cn region',
    { service: 'iam', region: 'cn-northwest-1' },
    'https://iam.cn-north-1.amazonaws.com.cn/',
    'cn-north-1',
  ],
  [
    'aws-us-gov from a us-gov region',
    { service: 'iam', region: 'us-gov-east-1' },
    'https://iam.us-gov.amazonaws.com/',
    'us-gov-west-1',
  ],
  [
    'aws-us-gov by partition',
    { service: 'iam', partition: 'aws-us-gov' },
    'https://iam.us-gov.amazonaws.com/',
    'us-gov-west-1',
  ],
  ['IAM FIPS', { service: 'iam', fips: true }, 'https://iam-fips.amazonaws.com/', 'us-east-1'],
  [
    'IAM FIPS in us-gov is the usual endpoint',
    { service: 'iam', region: 'us-gov-west-1', fips: true },
    'https://iam.us-gov.amazonaws.com/',
    'us-gov-west-1',
  ],
  [
    'FIPS from AWS_USE_FIPS_ENDPOINT',
    { service: 'iam', env: { AWS_USE_FIPS_ENDPOINT: 'true' } },
    'https://iam-fips.amazonaws.com/',
    'us-east-1',
  ],
  ['STS global without a region', { service: 'sts' }, 'https://sts.amazonaws.com/', 'us-east-1'],
  [
    'STS regional',
    { service: 'sts', region: 'eu-west-1' },
    'https://sts.eu-west-1.amazonaws.com/',
    'eu-west-1',
  ],
  [
    'STS in China',
    { service: 'sts', region: 'cn-north-1' },
    'https://sts.cn-north-1.amazonaws.com.cn/',
    'cn-north-1',
  ],
  [
    'STS FIPS',
    { service: 'sts', region: 'us-east-2', fips: true },
    'https://sts-fips.us-east-2.amazonaws.com/',
    'us-east-2',
  ],
  [
    'the endpoint option wins and signs with the partition region',
    {
      service: 'iam',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5000',
      env: { AWS_ENDPOINT_URL_IAM: 'http://env-iam:1' },
    },
    'http://127.0.0.1:5000/',
    'us-east-1',
  ],
  [
    'AWS_ENDPOINT_URL_IAM before AWS_ENDPOINT_URL',
    {
      service: 'iam',
      env: { AWS_ENDPOINT_URL_IAM: 'http://iam.local:1', AWS_ENDPOINT_URL: 'http://all.local:2' },
    },
    'http://iam.local:1/',
    'us-east-1',
  ],
  [
    'AWS_ENDPOINT_URL for STS when AWS_ENDPOINT_URL_IAM is set',
    {
      service: 'sts',
      env: { AWS_ENDPOINT_URL_IAM: 'http://iam.local:1', AWS_ENDPOINT_URL: 'http://all.local:2' },
    },
    'http://all.local:2/',
    'us-east-1',
  ],
  [
    'environment before profile',
    {
      service: 'iam',
      env: { AWS_ENDPOINT_URL: 'http://all.local:2' },
      profileEndpointUrl: 'http://p:3',
    },
    'http://all.local:2/',
    'us-east-1',
  ],
  [
    'profile endpoint_url',
    { service: 'iam', env: {}, profileEndpointUrl: 'http://profile.local:3' },
    'http://profile.local:3/',
    'us-east-1',
  ],
  [
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS skips env and profile',
    {
      service: 'iam',
      env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://all.local:2' },
      profileEndpointUrl: 'http://profile.local:3',
    },
    'https://iam.amazonaws.com/',
    'us-east-1',
  ],
  [
    'a custom endpoint in China signs for cn-north-1',
    { service: 'iam', region: 'cn-north-1', endpoint: 'http://127.0.0.1:5000' },
    'http://127.0.0.1:5000/',
    'cn-north-1',
  ],
  [
    'a signing region given for a custom endpoint',
    { service: 'iam', endpoint: 'http://127.0.0.1:5000/base', signingRegion: 'us-west-2' },
    'http://127.0.0.1:5000/base',
    'us-west-2',
  ],
];

describe('resolveEndpoint', () => {
  for (const [name, input, url, signingRegion] of cases) {
    it(name, () => {
      const endpoint = resolveEndpoint(input);
      assert.equal(endpoint.url, url);
      assert.equal(endpoint.signingRegion, signingRegion);
      assert.equal(endpoint.service, input.service);
    });
  }

  it('derives the partition from the region', () => {
    assert.equal(partitionOfRegion('cn-north-1'), 'aws-cn');
    assert.equal(partitionOfRegion('us-gov-west-1'), 'aws-us-gov');
    assert.equal(partitionOfRegion('ap-southeast-2'), 'aws');
  });

  it('refuses what it cannot resolve', () => {
    assert.throws(() => resolveEndpoint({ service: 'iam', region: 'cn-north-1', fips: true }), {
      code: 'FipsNotAvailable',
    });
    assert.throws(() => resolveEndpoint({ service: 'iam', region: 'eu west' }), {
      code: 'InvalidRegion',
    });
    assert.throws(
      () => resolveEndpoint({ service: 'iam', partition: 'aws-cn', region: 'eu-west-1' }),
      {
        code: 'InvalidRegion',
      },
    );
    assert.throws(() => resolveEndpoint({ service: 'iam', endpoint: 'iam.local' }), {
      code: 'InvalidEndpoint',
    });
    assert.throws(() => resolveEndpoint({ service: 'iam', partition: 'aws-iso' as 'aws' }), {
      code: 'InvalidPartition',
    });
  });
});
