import type { FastifyReply, FastifyRequest } from 'fastify';

import { beginAuditedChange } from './audit.js';
import type { GatewayContext } from './context.js';
import { errorBody, statusOf } from './errors.js';
import { IamError } from './iam-api.js';
import { replayBodyOf } from './replay-body.js';
import { recordingRequestIds, type DetailedCaller } from './iam-request-ids.js';
import { idempotencyClaimOf, idempotencyKeyOf, replayFor } from './idempotency.js';
import type { StoredAnswer } from './store/index.js';

/**
 * What a change returns: the status and body to answer with. A repeated `Idempotency-Key`
 * gets the body without its secrets, which are shown once and never stored (see
 * `replayBodyOf`).
 *
 * @example
 * const answer: ChangeAnswer = { status: 201, body: result };
 */
export interface ChangeAnswer {
  status: number;
  body: unknown;
}

/**
 * Runs one change the way every change runs: under the caller's `Idempotency-Key` if one
 * was sent (a repeat replays the first answer with `Idempotent-Replayed: true`), with its
 * audit intent stored, together with the key's claim, before acting, and its outcome
 * stored, together with the key's answer, before answering. `run` makes its IAM calls
 * through the caller it is given, which notes their request ids for the audit entry.
 *
 * @example
 * return runChange(context, request, reply, {
 *   action: 'CreateUser', target: `user/${spec.userName}`,
 *   run: async (caller) => ({ status: 201, body: await createUser(caller, spec) }),
 * });
 */
export async function runChange(
  context: GatewayContext,
  request: FastifyRequest,
  reply: FastifyReply,
  change: {
    action: string;
    target: string;
    run: (caller: DetailedCaller) => Promise<ChangeAnswer>;
  },
): Promise<FastifyReply> {
  const caller = request.caller!;
  const key = idempotencyKeyOf(request);
  const claim =
    key === undefined
      ? undefined
      : idempotencyClaimOf(caller.id, key, request, {
          instanceId: context.instanceId,
          instanceStaleMs: context.config.instanceStaleMs,
        });
  const start = await beginAuditedChange(
    context.store,
    {
      caller: `${caller.id} (${caller.name})`,
      action: change.action,
      target: change.target,
      requestId: request.id,
      instanceId: context.instanceId,
    },
    claim,
  );
  if (start.state !== 'new') {
    const replay = replayFor(start);
    return reply
      .code(replay.status)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(replay.body);
  }
  const { intent } = start;
  const settle = (answer?: StoredAnswer) =>
    key === undefined ? undefined : { caller: caller.id, key, ...(answer ? { answer } : {}) };

  const requestIds: string[] = [];
  let answer: ChangeAnswer;
  try {
    answer = await change.run(recordingRequestIds(context.target.caller, requestIds));
  } catch (error) {
    const status = statusOf(error);
    // Refusals are answers worth replaying; failures that a retry may fix are not.
    const replayable = key !== undefined && status < 500 && status !== 429;
    await intent.finish(
      {
        outcome: 'failed',
        status,
        errorCode:
          error instanceof IamError
            ? error.code
            : ((error as { code?: string }).code ?? 'InternalError'),
        ...(requestIds.length > 0 ? { iamRequestId: requestIds.join(',') } : {}),
      },
      settle(
        replayable ? { status, body: JSON.stringify(errorBody(error, request.id)) } : undefined,
      ),
    );
    throw error;
  }

  await intent.finish(
    {
      outcome: 'succeeded',
      status: answer.status,
      ...(requestIds.length > 0 ? { iamRequestId: requestIds.join(',') } : {}),
    },
    settle(
      key === undefined
        ? undefined
        : { status: answer.status, body: JSON.stringify(replayBodyOf(answer.body)) },
    ),
  );
  return reply.code(answer.status).send(answer.body);
}
