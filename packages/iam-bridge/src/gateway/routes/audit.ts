import type { FastifyInstance } from 'fastify';

import type { GatewayContext } from '../context.js';

const isoTime = { type: 'string', format: 'date-time' } as const;

/**
 * `GET /v1/audit`: the audit log, newest first, filtered by caller (`key:<id>`, or with
 * its name as shown), action, target, outcome and time, a page at a time (`cursor` is the
 * previous page's `nextCursor`). Admin scope. Presigned URLs are there as
 * `Presign:<Action>` with outcome `issued`.
 *
 * @example registerAuditRoutes(app, context);
 */
export function registerAuditRoutes(app: FastifyInstance, context: GatewayContext): void {
  app.get<{
    Querystring: {
      caller?: string;
      action?: string;
      target?: string;
      outcome?: string;
      since?: string;
      until?: string;
      limit?: string;
      cursor?: string;
    };
  }>(
    '/v1/audit',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Read the audit log of changes',
        tags: ['audit'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            caller: { type: 'string', maxLength: 200 },
            action: { type: 'string', maxLength: 100 },
            target: { type: 'string', maxLength: 300 },
            outcome: {
              type: 'string',
              enum: [
                'pending',
                'succeeded',
                'failed',
                'issued',
                'reconciled-succeeded',
                'reconciled-failed',
                'reconciled-unknown',
              ],
            },
            since: isoTime,
            until: isoTime,
            limit: { type: 'string', pattern: '^([1-9]\\d{0,2}|1000)$' },
            cursor: { type: 'string', pattern: '^\\d{1,18}$' },
          },
        },
      },
    },
    async (request) => {
      const { limit, since, until, ...filters } = request.query;
      const pageSize = Number(limit ?? 100);
      const entries = await context.store.listAudit({
        ...filters,
        ...(since ? { since: new Date(since).toISOString() } : {}),
        ...(until ? { until: new Date(until).toISOString() } : {}),
        limit: pageSize,
      });
      const last = entries.at(-1);
      return {
        entries,
        ...(entries.length === pageSize && last ? { nextCursor: last.id } : {}),
      };
    },
  );
}
