import type { FastifyInstance } from 'fastify';

import { hasScope } from '../auth/api-keys.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { assertKnownAction, isReadOnlyAction } from './iam-actions.js';

/**
 * `POST /v1/presign`: a presigned GET URL for an IAM action, signed with the gateway's
 * credentials, for systems that can only follow a link. Read-only actions need `read`;
 * any other action needs `admin`, since the link acts with the gateway's authority.
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
      if (!isReadOnlyAction(action) && !hasScope(request.caller!.scopes, 'admin')) {
        throw new GatewayError(
          'Forbidden',
          403,
          `Presigning ${action} needs the admin scope; read scope presigns Get*/List* only.`,
        );
      }
      const presigned = await (context.target.client.presignAction as any)(action, input, {
        expiresIn,
      });
      return {
        url: presigned.url,
        signedAt: presigned.signedAt.toISOString(),
        expiresAt: presigned.expiresAt.toISOString(),
      };
    },
  );
}
