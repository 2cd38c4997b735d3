import type { FastifyReply, FastifyRequest } from 'fastify';

import { beginAudit } from './audit.js';
import type { GatewayContext } from './context.js';
import { errorBody, statusOf } from './errors.js';
import { IamError } from './iam-api.js';
import { collectIamRequestIds } from './iam-request-ids.js';
import { claimIdempotencyKey, idempotencyKeyOf } from './idempotency.js';

/**
 * What a change returns: the status and body to answer with. `replayBody` is what a
 * repeated `Idempotency-Key` gets instead of `body` when the body holds secrets, which
 * are shown once and never stored (see `replayBodyOf`).
 *
 * @example
 * const answer: ChangeAnswer = { status: 201, body: result, replayBody: replayBodyOf(result) };
 */
export interface ChangeAnswer {
  status: number;
  body: unknown;
  replayBody?: unknown;
}

/**
 * Runs one change the way every change runs: under the caller's `Idempotency-Key` if one
 * was sent (a repeat replays the first answer with `Idempotent-Replayed: true`), with its
 * audit intent stored before acting and its outcome stored before answering.
 *
 * @example
 * return runChange(context, request, reply, {
 *   action: 'CreateUser', target: `user/${spec.userName}`,
 *   run: async () => ({ status: 201, body: await createUser(context.target.caller, spec) }),
 * });
 */
export async function runChange(
  context: GatewayContext,
  request: FastifyRequest,
  reply: FastifyReply,
  change: { action: string; target: string; run: () => Promise<ChangeAnswer> },
): Promise<FastifyReply> {
  const caller = request.caller!;
  const key = idempotencyKeyOf(request);
  if (key !== undefined) {
    const replay = await claimIdempotencyKey(context.store, caller.id, key, request, {
      instanceId: context.instanceId,
      instanceStaleMs: context.config.instanceStaleMs,
    });
    if (replay) {
      return reply
        .code(replay.status)
        .header('idempotent-replayed', 'true')
        .type('application/json; charset=utf-8')
        .send(replay.body);
    }
  }

  let intent;
  try {
    intent = await beginAudit(context.store, {
      caller: `${caller.id} (${caller.name})`,
      action: change.action,
      target: change.target,
      requestId: request.id,
      instanceId: context.instanceId,
    });
  } catch (error) {
    if (key !== undefined) await context.store.dropIdempotency(caller.id, key).catch(() => {});
    throw error;
  }

  const requestIds: string[] = [];
  let answer: ChangeAnswer;
  try {
    answer = (await collectIamRequestIds(change.run, requestIds)).value;
  } catch (error) {
    const status = statusOf(error);
    await intent.finish({
      outcome: 'failed',
      status,
      errorCode:
        error instanceof IamError
          ? error.code
          : ((error as { code?: string }).code ?? 'InternalError'),
      ...(requestIds.length > 0 ? { iamRequestId: requestIds.join(',') } : {}),
    });
    if (key !== undefined) {
      // Refusals are answers worth replaying; failures that a retry may fix are not.
      if (status < 500 && status !== 429) {
        const body = JSON.stringify(errorBody(error, request.id));
        await context.store.finishIdempotency(caller.id, key, { status, body });
      } else {
        await context.store.dropIdempotency(caller.id, key);
      }
    }
    throw error;
  }

  await intent.finish({
    outcome: 'succeeded',
    status: answer.status,
    ...(requestIds.length > 0 ? { iamRequestId: requestIds.join(',') } : {}),
  });
  if (key !== undefined) {
    const body = JSON.stringify(answer.replayBody ?? answer.body);
    await context.store.finishIdempotency(caller.id, key, { status: answer.status, body });
  }
  return reply.code(answer.status).send(answer.body);
}
