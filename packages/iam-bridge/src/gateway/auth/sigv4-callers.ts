import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';

import { verifyRequest } from '@iam-bridge/sigv4';
import type { FastifyRequest } from 'fastify';

import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { Scope } from '../store/index.js';
import { hasScope, type Caller } from './api-keys.js';

/** The service and region SigV4 callers sign for. */
export const SIGV4_SCOPE = { service: 'iam-bridge', region: 'us-east-1' } as const;

const ACCESS_KEY_PREFIX = 'IBGW';

/**
 * The SigV4 credentials of an API key: the access key id names the key, the secret is
 * derived from the gateway's `sigv4Secret` and the key id, so nothing secret is stored and
 * revoking the API key revokes them too.
 *
 * @example
 * sigv4Credentials(secret, '0a1b2c3d4e5f').accessKeyId; // 'IBGW0A1B2C3D4E5F'
 */
export function sigv4Credentials(
  sigv4Secret: string,
  keyId: string,
): { accessKeyId: string; secretAccessKey: string } {
  const secretAccessKey = createHmac('sha256', sigv4Secret)
    .update(`iam-bridge sigv4 ${keyId}`)
    .digest('base64url');
  return { accessKeyId: `${ACCESS_KEY_PREFIX}${keyId.toUpperCase()}`, secretAccessKey };
}

/**
 * Whether a request is signed with SigV4 (header or presigned URL) rather than carrying an
 * API key.
 *
 * @example isSigv4Request(request) // true for `Authorization: AWS4-HMAC-SHA256 ...`
 */
export function isSigv4Request(request: FastifyRequest): boolean {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('AWS4-HMAC-SHA256')) return true;
  return /[?&]X-Amz-Signature=/i.test(request.url);
}

/**
 * The `preParsing` hook for SigV4 callers: reads the body (within the size limit), checks
 * the signature over it with `verifyRequest`, then the key's scope and rate, and hands the
 * same bytes on to the body parser. Runs before the body is parsed, so an unsigned
 * request learns nothing from parse errors.
 *
 * @example
 * app.addHook('preParsing', sigv4Callers(context));
 */
export function sigv4Callers(context: GatewayContext) {
  // A callback hook: requests with an API key pass through without a promise.
  return (
    request: FastifyRequest,
    _reply: unknown,
    payload: Readable,
    done: (error: Error | null, payload?: Readable) => void,
  ): void => {
    const scope = request.routeOptions.config.scope;
    if (scope === undefined || !isSigv4Request(request)) return done(null, payload);
    admitSigned(context, request, payload, scope).then((body) => done(null, body), done);
  };
}

async function admitSigned(
  context: GatewayContext,
  request: FastifyRequest,
  payload: Readable,
  scope: Scope,
): Promise<Readable> {
  const secret = context.config.sigv4Secret;
  if (!secret) {
    throw new GatewayError('Unauthorized', 401, 'SigV4 callers are not enabled here.');
  }

  const body = await readBounded(payload, context.config.bodyLimit);
  const caller = await verifyCaller(context, request, body, secret);
  request.caller = caller;
  // A presigned request's X-Amz-* parameters are its signature, checked now: the route sees
  // only its own parameters.
  const query = request.query as Record<string, unknown> | undefined;
  if (query) {
    for (const name of Object.keys(query)) if (/^x-amz-/i.test(name)) delete query[name];
  }
  if (!hasScope(caller.scopes, scope)) {
    throw new GatewayError('Forbidden', 403, `This route needs the ${scope} scope.`);
  }
  const bucket = context.callerLimits.bucketFor(caller.id);
  if (!bucket.tryTake()) {
    throw new GatewayError('TooManyRequests', 429, 'Rate limit for this API key exceeded.', {
      headers: { 'retry-after': String(bucket.secondsUntilToken()) },
    });
  }
  return Readable.from(body.length > 0 ? [body] : []);
}

async function verifyCaller(
  context: GatewayContext,
  request: FastifyRequest,
  body: Buffer,
  secret: string,
): Promise<Caller> {
  const header = request.headers.authorization ?? '';
  const credential =
    /Credential=([A-Z0-9]+)\//.exec(header)?.[1] ??
    /[?&]X-Amz-Credential=([A-Z0-9]+)%2F/i.exec(request.url)?.[1];
  const keyId = credential?.startsWith(ACCESS_KEY_PREFIX)
    ? credential.slice(ACCESS_KEY_PREFIX.length).toLowerCase()
    : undefined;
  const record = keyId ? await context.store.findApiKey(keyId) : undefined;
  const usable = record && !record.revokedAt ? sigv4Credentials(secret, record.id) : undefined;

  const rawHeaders = request.raw.rawHeaders;
  const headers: Array<[string, string]> = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    headers.push([rawHeaders[index]!, rawHeaders[index + 1]!]);
  }
  const result = verifyRequest(
    { method: request.method, url: request.raw.url ?? '/', headers, body },
    {
      ...SIGV4_SCOPE,
      lookupCredentials: (accessKeyId) =>
        usable && accessKeyId === usable.accessKeyId
          ? { secretAccessKey: usable.secretAccessKey }
          : undefined,
    },
  );
  if (!result.ok) {
    const status = result.status >= 500 ? 500 : 401;
    throw new GatewayError(result.code, status, result.message);
  }
  return { id: `key:${record!.id}`, name: record!.name, scopes: record!.scopes };
}

async function readBounded(payload: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limit) {
      throw new GatewayError('PayloadTooLarge', 413, 'The request body is larger than allowed.');
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
