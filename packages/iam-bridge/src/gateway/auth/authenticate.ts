import type { FastifyReply, FastifyRequest } from 'fastify';

import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { Scope } from '../store/index.js';
import { hasScope, type Caller } from './api-keys.js';
import { isSigv4Request } from './sigv4-callers.js';

/**
 * The `onRequest` hook that admits callers: a route with a `scope` in its config needs an
 * API key (`Authorization: Bearer <key>` or `X-Api-Key`) holding that scope, then a token
 * from the caller's bucket. Refusals are 401 (no or bad key), 403 (scope), 429 (rate).
 * SigV4-signed requests are left to `sigv4Callers`, which runs once the body is read.
 *
 * @example
 * app.addHook('onRequest', authenticate(context));
 */
export function authenticate(context: GatewayContext) {
  // A callback hook: with the key's check cached, admitting a caller takes no promise.
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    const scope = request.routeOptions.config.scope;
    // SigV4 signatures cover the body, so those callers are checked once it is read.
    if (scope === undefined || isSigv4Request(request)) return done();

    const key = presentedKey(request);
    if (key === undefined) {
      return done(
        new GatewayError(
          'Unauthorized',
          401,
          'This route needs an API key: send Authorization: Bearer <key> or X-Api-Key: <key>.',
          { headers: { 'www-authenticate': 'Bearer realm="iam-bridge"' } },
        ),
      );
    }
    const cached = context.keys.cached(key);
    if (cached) return done(admit(context, request, cached, scope));
    context.keys.verify(key).then((caller) => done(admit(context, request, caller, scope)), done);
  };
}

// The refusal for a caller (unknown key, scope, rate), or undefined when admitted.
function admit(
  context: GatewayContext,
  request: FastifyRequest,
  caller: Caller | undefined,
  scope: Scope,
): GatewayError | undefined {
  if (!caller) {
    return new GatewayError('Unauthorized', 401, 'The API key is unknown, revoked or malformed.', {
      headers: { 'www-authenticate': 'Bearer realm="iam-bridge", error="invalid_token"' },
    });
  }
  request.caller = caller;
  if (!hasScope(caller.scopes, scope)) {
    return new GatewayError(
      'Forbidden',
      403,
      `This route needs the ${scope} scope; the key ${caller.name} has ` +
        `${caller.scopes.join(', ')}.`,
    );
  }

  const bucket = context.callerLimits.bucketFor(caller.id);
  if (!bucket.tryTake()) {
    return new GatewayError('TooManyRequests', 429, 'Rate limit for this API key exceeded.', {
      headers: { 'retry-after': String(bucket.secondsUntilToken()) },
    });
  }
  return undefined;
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : undefined;
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey.trim() : undefined;
}
