// Each signer behind one small adapter: given a case, an operation that signs it once (fresh
// input each time, as a caller would build it) and a way to read the signature it produced.
// Where a peer's own rules sign a different header set, its signature differs from ours: aws4
// adds and signs content-length when there is a body; aws4fetch never signs content-type or
// content-length. The work per signature is the same either way.
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { AwsV4Signer } from 'aws4fetch';
import { presignUrl, signRequest } from '@iam-bridge/sigv4';
import { amzDate, credentials, signingDate, type SigningCase } from './cases.js';

/** A signer ready to time on one case. */
export interface PreparedSigner {
  isAsync: boolean;
  run: () => unknown;
  /** Signs once more and returns the hex signature, to compare signers' outputs. */
  signature: () => Promise<string>;
}

/** A signer under test. */
export interface Signer {
  name: string;
  prepare(signingCase: SigningCase): PreparedSigner;
}

const SIGNATURE_IN_HEADER = /Signature=([0-9a-f]{64})/;
const SIGNATURE_IN_URL = /X-Amz-Signature=([0-9a-f]{64})/;

function signatureIn(text: string | undefined, pattern: RegExp): string {
  return pattern.exec(text ?? '')?.[1] ?? '(none)';
}

/** `@iam-bridge/sigv4`, synchronous on node:crypto, default key cache. */
export const ours: Signer = {
  name: 'iam-bridge',
  prepare(c) {
    const options = { credentials, region: c.region, service: c.service, date: signingDate };
    const presignOptions = { ...options, expiresIn: c.expiresIn };
    const run =
      c.expiresIn === undefined
        ? () =>
            signRequest({ method: c.method, url: c.url, headers: c.headers, body: c.body }, options)
        : () => presignUrl({ method: c.method, url: c.url }, presignOptions);
    return {
      isAsync: false,
      run,
      signature: async () =>
        (run() as { explanation: { signature: string } }).explanation.signature,
    };
  },
};

/** `aws4`: synchronous, its own module-level key cache. */
export const aws4Signer: Signer = {
  name: 'aws4',
  prepare(c) {
    const url = new URL(c.url);
    const presign = c.expiresIn !== undefined;
    const basePath = url.pathname + url.search;
    const path = presign
      ? basePath + (url.search ? '&' : '?') + `X-Amz-Expires=${c.expiresIn}&X-Amz-Date=${amzDate}`
      : basePath;
    const run = () =>
      aws4.sign(
        {
          host: url.host,
          path,
          method: c.method,
          headers: presign ? {} : { ...c.headers, 'X-Amz-Date': amzDate },
          body: c.body,
          service: c.service,
          region: c.region,
          signQuery: presign,
        },
        credentials,
      );
    return {
      isAsync: false,
      run,
      signature: async () => {
        const signed = run();
        return presign
          ? signatureIn(signed.path, SIGNATURE_IN_URL)
          : signatureIn(String(signed.headers?.Authorization), SIGNATURE_IN_HEADER);
      },
    };
  },
};

/** `@smithy/signature-v4` with `@smithy/hash-node`; one signer instance, so its key cache stays warm. */
export const smithySigner: Signer = {
  name: '@smithy/signature-v4',
  prepare(c) {
    const url = new URL(c.url);
    const signer = new SignatureV4({
      credentials,
      region: c.region,
      service: c.service,
      sha256: Hash.bind(null, 'sha256'),
      // Otherwise it adds and signs x-amz-content-sha256, a header the other signers leave out.
      applyChecksum: false,
    });
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    const makeRequest = () =>
      new HttpRequest({
        method: c.method,
        protocol: url.protocol,
        hostname: url.hostname,
        path: url.pathname,
        query: { ...query },
        headers: { ...c.headers, host: url.host },
        body: c.body,
      });
    const run =
      c.expiresIn === undefined
        ? () => signer.sign(makeRequest(), { signingDate })
        : () => signer.presign(makeRequest(), { signingDate, expiresIn: c.expiresIn });
    return {
      isAsync: true,
      run,
      signature: async () => {
        const signed = (await run()) as HttpRequest;
        return c.expiresIn === undefined
          ? signatureIn(signed.headers.authorization, SIGNATURE_IN_HEADER)
          : (signed.query['X-Amz-Signature'] as string);
      },
    };
  },
};

/** `aws4fetch`'s AwsV4Signer (Web Crypto, async), with a shared key cache. */
export const aws4fetchSigner: Signer = {
  name: 'aws4fetch',
  prepare(c) {
    const cache = new Map<string, ArrayBuffer>();
    const presign = c.expiresIn !== undefined;
    const url = presign
      ? c.url + (c.url.includes('?') ? '&' : '?') + `X-Amz-Expires=${c.expiresIn}`
      : c.url;
    const run = () =>
      new AwsV4Signer({
        ...credentials,
        method: c.method,
        url,
        headers: c.headers,
        body: c.body as BodyInit | undefined,
        service: c.service,
        region: c.region,
        cache,
        datetime: amzDate,
        signQuery: presign,
      }).sign();
    return {
      isAsync: true,
      run,
      signature: async () => {
        const signed = await run();
        return presign
          ? signatureIn(signed.url.toString(), SIGNATURE_IN_URL)
          : signatureIn(signed.headers.get('authorization') ?? '', SIGNATURE_IN_HEADER);
      },
    };
  },
};

/** Every signer, ours first. */
export const signers: readonly Signer[] = [ours, aws4Signer, smithySigner, aws4fetchSigner];
