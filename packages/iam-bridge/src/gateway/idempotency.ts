import { createHash } from 'node:crypto';

import type { FastifyRequest } from 'fastify';

import { GatewayError } from './errors.js';
import type { IdempotencyClaim, IdempotencyState, StoredAnswer } from './store/index.js';

/** How long an answer is replayed for a repeated key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** An in-flight record older than this is taken to belong to a request that died. */
export const IDEMPOTENCY_STALE_MS = 5 * 60 * 1000;

/**
 * The `Idempotency-Key` a change request carries, checked: 1-255 visible ASCII characters.
 *
 * @throws GatewayError `InvalidIdempotencyKey` (400).
 * @example idempotencyKeyOf(request) // 'f5b1...' or undefined
 */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new GatewayError(
      'InvalidIdempotencyKey',
      400,
      'Idempotency-Key must be 1-255 visible ASCII characters, sent once.',
    );
  }
  return value;
}

/**
 * What makes two requests "the same" under one key: method, path with query, and body. A
 * JSON body counts by its meaning, not its spelling: key order and white space do not
 * make a retry a different request.
 *
 * @example fingerprintOf(request) // hex SHA-256
 */
export function fingerprintOf(request: FastifyRequest): string {
  const body = typeof request.body === 'string' ? request.body : canonicalJson(request.body);
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
}

/**
 * JSON text with object keys sorted at every level; `undefined` as `null`.
 * The gateway's JSON parser bounds nesting, so the recursion is bounded too.
 *
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The claim this request makes on its key, written with the change's audit intent: a key
 * left in flight by an instance that died (or 5 minutes ago) is taken over.
 *
 * @example
 * const claim = idempotencyClaimOf(callerId, key, request, {
 *   instanceId, instanceStaleMs: 15_000,
 * });
 */
export function idempotencyClaimOf(
  callerId: string,
  key: string,
  request: FastifyRequest,
  instance: { instanceId: string; instanceStaleMs: number },
): IdempotencyClaim {
  const now = Date.now();
  return {
    instanceId: instance.instanceId,
    instanceStaleBefore: new Date(now - instance.instanceStaleMs).toISOString(),
    caller: callerId,
    key,
    fingerprint: fingerprintOf(request),
    now: new Date(now).toISOString(),
    expiresAt: new Date(now + IDEMPOTENCY_TTL_MS).toISOString(),
    staleBefore: new Date(now - IDEMPOTENCY_STALE_MS).toISOString(),
  };
}

/**
 * What a key that did not let this request act gives it: the stored answer to replay. A
 * different request under the same key is 422; the same one still running elsewhere is 409.
 *
 * @throws GatewayError `IdempotencyKeyReused` (422) or `IdempotencyKeyInFlight` (409).
 * @example
 * const replay = replayFor({ state: 'replay', answer }); // answer
 */
export function replayFor(claim: Exclude<IdempotencyState, { state: 'new' }>): StoredAnswer {
  switch (claim.state) {
    case 'replay':
      return claim.answer;
    case 'mismatch':
      throw new GatewayError(
        'IdempotencyKeyReused',
        422,
        'This Idempotency-Key was used with a different request; use a new key.',
      );
    case 'in-flight':
      throw new GatewayError(
        'IdempotencyKeyInFlight',
        409,
        'A request with this Idempotency-Key is still running; retry after it ends.',
        { headers: { 'retry-after': '1' } },
      );
  }
}
