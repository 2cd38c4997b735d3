import type { FastifyInstance } from 'fastify';

import { beginAudit } from '../audit.js';
import { hasScope } from '../auth/api-keys.js';
import type { GatewayContext } from '../context.js';
import { errorSummaryCode, GatewayError } from '../errors.js';
import {
  assertKnownAction,
  auditTargetOf,
  isReadOnlyAction,
  READ_ONLY_PREFIXES,
} from './iam-actions.js';

/**
 * `POST /v1/presign`: a presigned GET URL for an IAM action, signed with the gateway's
 * credentials, for systems that can only follow a link. Read-only actions need `read`;
 * any other action needs `admin`, since the link acts with the gateway's authority. Each
 * URL handed out is in the audit log before the answer leaves: action `Presign:<Action>`,
 * the target its input names, outcome `issued`, and the expiry in `detail`.
 *
 * @example registerPresignRoutes(app, context);
 */
export function registerPresignRoutes(app: FastifyInstance, context: GatewayContext): void {
  app.post<{ Body: { action: string; input?: Record<string, unknown>; expiresIn?: number } }>(
    '/v1/presign',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Presign an IAM action as a URL',
        tags: ['iam'],
        body: {
          type: 'object',
          required: ['action'],
          additionalProperties: false,
          properties: {
            action: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]{1,63}$' },
            input: { type: 'object' },
            expiresIn: { type: 'integer', minimum: 1, maximum: 604800 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              url: { type: 'string' },
              signedAt: { type: 'string', format: 'date-time' },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    async (request) => {
      const { action, input = {}, expiresIn = 900 } = request.body;
      assertKnownAction(action);
      const caller = request.caller!;
      if (!isReadOnlyAction(action) && !hasScope(caller.scopes, 'admin')) {
        throw new GatewayError(
          'Forbidden',
          403,
          `Presigning ${action} needs the admin scope; read scope presigns the actions ` +
            `that only read (${READ_ONLY_PREFIXES.map((prefix) => `${prefix}*`).join(', ')}).`,
        );
      }

      // Every presign is audited, reads too: the URL is a credential leaving the gateway,
      // and whoever follows it acts as the gateway. The entry is stored before the URL goes.
      const intent = await beginAudit(context.store, {
        caller: `${caller.id} (${caller.name})`,
        action: `Presign:${action}`,
        target: auditTargetOf(input),
        requestId: request.id,
        instanceId: context.instanceId,
      });
      let presigned;
      try {
        presigned = await (context.target.client.presignAction as any)(action, input, {
          expiresIn,
        });
      } catch (error) {
        const { code, status } = errorSummaryCode(error);
        await intent.finish({ outcome: 'failed', status, errorCode: code });
        throw error;
      }
      const expiresAt = presigned.expiresAt.toISOString();
      await intent.finish({
        outcome: 'issued',
        status: 200,
        detail: `presigned URL valid for ${expiresIn} s, until ${expiresAt}`,
      });
      return {
        url: presigned.url,
        signedAt: presigned.signedAt.toISOString(),
        expiresAt,
      };
    },
  );
}
