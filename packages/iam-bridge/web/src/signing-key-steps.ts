/** One HMAC step of the signing key derivation, with what went in and what came out. */
export interface SigningKeyStep {
  name: 'kDate' | 'kRegion' | 'kService' | 'kSigning';
  /** The HMAC key, as a person reads it: `"AWS4" + secret` or the previous step's name. */
  keyFrom: string;
  /** The HMAC data. */
  data: string;
  /** Hex of the HMAC output. */
  hex: string;
}

const encoder = new TextEncoder();

async function hmac(key: Uint8Array, data: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data)));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The four HMAC-SHA256 steps from the secret to the signing key, on Web Crypto, so the page can
 * show each intermediate value (the signer only hands out the last one).
 *
 * @example (await signingKeySteps(secret, '20200718', 'us-east-1', 'iam'))[3].hex // kSigning
 */
export async function signingKeySteps(
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string,
): Promise<SigningKeyStep[]> {
  const inputs: Omit<SigningKeyStep, 'hex'>[] = [
    { name: 'kDate', keyFrom: '"AWS4" + secret access key', data: date8 },
    { name: 'kRegion', keyFrom: 'kDate', data: region },
    { name: 'kService', keyFrom: 'kRegion', data: service },
    { name: 'kSigning', keyFrom: 'kService', data: 'aws4_request' },
  ];

  const steps: SigningKeyStep[] = [];
  let key: Uint8Array = encoder.encode('AWS4' + secretAccessKey);
  for (const input of inputs) {
    key = await hmac(key, input.data);
    steps.push({ ...input, hex: hex(key) });
  }
  return steps;
}
