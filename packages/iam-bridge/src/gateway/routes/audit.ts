import type { FastifyInstance } from 'fastify';

import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';

// A time as ISO 8601 (2026-12-04T09:30:00Z) or a day (2026-12-04).
const isoTime = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
} as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

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
            caller: {
              type: 'string',
              maxLength: 200,
              description: 'key:<id>, or the key name as given to keys create',
            },
            action: {
              type: 'string',
              maxLength: 100,
              description: 'CreateUser, DeleteUser, Presign:GetUser, ...',
            },
            target: {
              type: 'string',
              maxLength: 300,
              description: 'user/ana, group/devs, ...; a bare name (ana) matches any kind',
            },
            outcome: {
              type: 'string',
              description: 'what became of the change',
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
            since: { ...isoTime, description: 'from this time on; a day means its start' },
            until: { ...isoTime, description: 'before this time; a day means through its end' },
            limit: { type: 'string', pattern: '^([1-9]\\d{0,2}|1000)$', description: '1-1000' },
            cursor: {
              type: 'string',
              pattern: '^\\d{1,18}$',
              description: "the previous page's nextCursor",
            },
          },
        },
      },
    },
    async (request) => {
      const { limit, since, until, ...filters } = request.query;
      const pageSize = Number(limit ?? 100);
      const entries = await context.store.listAudit({
        ...filters,
        ...(since ? { since: timeOf('since', since, 0) } : {}),
        ...(until ? { until: timeOf('until', until, DAY_MS) } : {}),
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

// A filter time as the log stores it; a day alone is its start, plus `dayEnd` (so that
// `until=2026-12-04` takes in the whole of that day).
function timeOf(name: string, text: string, dayEnd: number): string {
  const day = DAY.test(text);
  const ms = Date.parse(day ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms) || !isCalendarDay(text.slice(0, 10))) {
    throw new GatewayError('ValidationError', 400, `querystring.${name} ${text} is not a time`, {
      details: { field: `querystring.${name}` },
    });
  }
  // Times are kept as ISO text, compared as text: past year 9999 the form changes
  // (+010000-...), so the end of time is the last moment of 9999.
  return new Date(Math.min(day ? ms + dayEnd : ms, LAST_ISO_MS)).toISOString();
}

const LAST_ISO_MS = Date.parse('9999-12-31T23:59:59.999Z');

// Whether YYYY-MM-DD names a day of the calendar: Date.parse takes 2026-02-30 for March 2nd.
function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
