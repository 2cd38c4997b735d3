import { presignUrl, signRequest } from '@iam-bridge/sigv4';
import type { PresignedUrl, SignOptions } from '@iam-bridge/sigv4';
import type { AwsCredentials } from '../credentials/credentials.js';
import type { ResolvedEndpoint } from '../endpoints/resolve-endpoint.js';
import { encodeForm } from '../protocol/form-encoding.js';
import type { QueryPairs } from '../protocol/query-serializer.js';
import type { HttpRequest } from '../transport/http-transport.js';
import type { HttpMethod } from './client-options.js';

/** The content type AWS documents for Query-protocol bodies. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** Sent after signing: SigV4 never signs a user agent, and moto refuses a signed one. */
export const USER_AGENT = 'iam-bridge/0.1.0';

/**
 * Builds and signs one Query-protocol request: a form body for POST, the URL's query for
 * GET. The `host` header stays out of what is sent: fetch writes the same value itself.
 *
 * @example
 * const request = buildSignedRequest({
 *   pairs: [['Action', 'ListUsers'], ['Version', '2010-05-08']],
 *   endpoint, credentials, method: 'POST', clockOffsetMs: 0,
 * });
 */
export function buildSignedRequest(parts: {
  pairs: QueryPairs;
  endpoint: ResolvedEndpoint;
  credentials: AwsCredentials;
  method: HttpMethod;
  clockOffsetMs: number;
}): HttpRequest {
  const form = encodeForm(parts.pairs);
  const signed = signRequest(
    parts.method === 'POST'
      ? {
          method: 'POST',
          url: parts.endpoint.url,
          headers: { 'content-type': FORM_CONTENT_TYPE },
          body: form,
        }
      : { method: 'GET', url: withQuery(parts.endpoint.url, form) },
    signingOptions(parts.endpoint, parts.credentials, parts.clockOffsetMs),
  );

  const headers: Record<string, string> = {};
  for (const name in signed.headers) {
    if (name !== 'host') headers[name] = signed.headers[name];
  }
  headers['user-agent'] = USER_AGENT;
  const request: HttpRequest = { method: signed.method, url: signed.url, headers };
  if (parts.method === 'POST') request.body = form;
  return request;
}

/**
 * Presigns a GET carrying the Query parameters, as people build IAM URLs by hand.
 *
 * @example
 * const presigned = presignQuery({
 *   pairs, endpoint, credentials, expiresIn: 30, clockOffsetMs: 0,
 * });
 */
export function presignQuery(parts: {
  pairs: QueryPairs;
  endpoint: ResolvedEndpoint;
  credentials: AwsCredentials;
  expiresIn?: number;
  date?: Date | string | number;
  clockOffsetMs: number;
}): PresignedUrl {
  return presignUrl(
    { method: 'GET', url: withQuery(parts.endpoint.url, encodeForm(parts.pairs)) },
    {
      ...signingOptions(parts.endpoint, parts.credentials, parts.clockOffsetMs),
      ...(parts.expiresIn === undefined ? {} : { expiresIn: parts.expiresIn }),
      ...(parts.date === undefined ? {} : { date: parts.date }),
    },
  );
}

function signingOptions(
  endpoint: ResolvedEndpoint,
  credentials: AwsCredentials,
  clockOffsetMs: number,
): SignOptions {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  const last = lastOptions;
  // A client signs call after call with the same credentials and endpoint: one options object
  // serves them all (the signer then skips re-checking it), rebuilt when anything differs.
  if (
    last.accessKeyId === accessKeyId &&
    last.secretAccessKey === secretAccessKey &&
    last.sessionToken === sessionToken &&
    last.region === endpoint.signingRegion &&
    last.service === endpoint.service &&
    last.options.clockOffsetMs === clockOffsetMs
  ) {
    return last.options;
  }
  const options = {
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region: endpoint.signingRegion,
    service: endpoint.service,
    clockOffsetMs,
  };
  lastOptions = {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    region: endpoint.signingRegion,
    service: endpoint.service,
    options,
  };
  return options;
}

let lastOptions: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
  region: string;
  service: string;
  options: SignOptions;
} = {
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: undefined,
  region: '',
  service: '',
  options: { credentials: { accessKeyId: '', secretAccessKey: '' }, clockOffsetMs: NaN },
};

function withQuery(endpointUrl: string, query: string): string {
  return `${endpointUrl}${endpointUrl.includes('?') ? '&' : '?'}${query}`;
}
