import type { Explanation } from '@iam-bridge/sigv4';

/**
 * The explanation fields every signing command prints in `--json` and table output, in a
 * stable order. The signing key appears only when it was asked for.
 *
 * @example const fields = explanationFields(signed.explanation); fields.stringToSign
 */
export function explanationFields(explanation: Explanation) {
  return {
    canonicalRequest: explanation.canonicalRequest,
    stringToSign: explanation.stringToSign,
    signature: explanation.signature,
    credentialScope: explanation.credentialScope,
    signedHeaders: explanation.signedHeaders,
    payloadHash: explanation.payloadHash,
    amzDate: explanation.amzDate,
    region: explanation.region,
    service: explanation.service,
    accessKeyId: explanation.accessKeyId,
    ...(explanation.signingKey === undefined ? {} : { signingKey: explanation.signingKey }),
  };
}

/**
 * Header lines ready for curl or an HTTP file: `name: value`, one per header.
 *
 * @example headerLines({ host: 'iam.amazonaws.com' }) // ['host: iam.amazonaws.com']
 */
export function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}
