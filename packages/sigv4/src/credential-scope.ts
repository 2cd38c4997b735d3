/** The algorithm name of SigV4 with HMAC-SHA256. Always spelled out in full. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_PAYLOAD_HASH =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The payload hash value for services (S3) that accept an unsigned body. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * The credential scope: `date/region/service/aws4_request`.
 *
 * @example credentialScope('20200718', 'us-east-1', 'iam') // '20200718/us-east-1/iam/aws4_request'
 */
export function credentialScope(date8: string, region: string, service: string): string {
  const last = lastScope;
  if (last.date8 === date8 && last.region === region && last.service === service) return last.scope;
  const scope = date8 + '/' + region + '/' + service + '/aws4_request';
  lastScope = { date8, region, service, scope };
  return scope;
}

// The scope made last: one string for a run of signatures, so later comparisons of it are cheap.
let lastScope = { date8: '', region: '', service: '', scope: '' };

/**
 * The string to sign: algorithm, X-Amz-Date, credential scope and the hex SHA-256 of the
 * canonical request, one per line.
 *
 * @example stringToSign('20200718T211159Z', '20200718/us-east-1/iam/aws4_request', 'ab12...')
 */
export function stringToSign(amzDate: string, scope: string, canonicalRequestHash: string): string {
  return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + canonicalRequestHash;
}
