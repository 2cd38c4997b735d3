// The credential (`AKID/date/region/service/aws4_request`) and the checks AWS makes on its scope.
import { clip, refuse, type VerifyFailure } from './verify-errors.js';

/** A credential split into the access key id and the four parts of its scope. */
export interface ParsedCredential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
}

/**
 * Splits a credential; undefined unless it has exactly five `/`-separated parts.
 *
 * @example parseCredential('AKID/20200718/us-east-1/iam/aws4_request')?.region // 'us-east-1'
 */
export function parseCredential(value: string): ParsedCredential | undefined {
  // One key signs many requests in a row: the last credential read is kept, frozen.
  if (value === lastCredential.value) return lastCredential.parsed;
  const parts = value.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts;
  const parsed = Object.freeze({ accessKeyId, date, region, service, terminator });
  lastCredential = { value, parsed };
  return parsed;
}

let lastCredential: { value: string; parsed: ParsedCredential | undefined } = {
  value: '',
  parsed: undefined,
};

/** What the server expects a credential's scope to name. */
export interface ExpectedScope {
  regions: readonly string[];
  service: string;
}

/**
 * Checks the scope against X-Amz-Date and the expected region and service, in AWS's order and
 * with AWS's wording; undefined when it holds.
 *
 * @example checkScope(credential, '20200718T211159Z', { regions: ['us-east-1'], service: 'iam' })
 */
export function checkScope(
  credential: ParsedCredential,
  amzDate: string,
  expected: ExpectedScope,
): VerifyFailure | undefined {
  const date8 = amzDate.slice(0, 8);
  if (credential.date !== date8) {
    return refuse(
      'SignatureDoesNotMatch',
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from ' +
        `HTTP: '${clip(credential.date)}' != '${date8}', from '${amzDate}'.`,
    );
  }
  if (!expected.regions.includes(credential.region)) {
    return refuse(
      'SignatureDoesNotMatch',
      `Credential should be scoped to a valid region, not '${clip(credential.region)}'.`,
    );
  }
  if (credential.service !== expected.service) {
    return refuse(
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: '${expected.service}'.`,
    );
  }
  if (credential.terminator !== 'aws4_request') {
    return refuse(
      'SignatureDoesNotMatch',
      "Credential should be scoped with a valid terminator: 'aws4_request', " +
        `not '${clip(credential.terminator)}'.`,
    );
  }
  return undefined;
}
