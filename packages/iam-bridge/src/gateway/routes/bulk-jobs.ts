import { randomUUID } from 'node:crypto';

import type { FastifyInstance } from 'fastify';

import { runChange } from '../changes.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import {
  bulkItemSchema,
  MAX_BULK_ITEMS,
  parseBulkCsv,
  type BulkItemInput,
} from '../jobs/bulk-input.js';

/**
 * `POST /v1/bulk-jobs` (a JSON array of items, or CSV text with `Content-Type: text/csv`;
 * answers 202 with the job id) and `GET /v1/bulk-jobs/{id}` (status, counts and, when
 * `?items=true`, each item's journal line and result).
 *
 * @example registerBulkJobRoutes(app, context);
 */
export function registerBulkJobRoutes(app: FastifyInstance, context: GatewayContext): void {
  app.post<{ Body: BulkItemInput[] | string }>(
    '/v1/bulk-jobs',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Submit a bulk job of user creations and deletions',
        description: 'A JSON array of items, or CSV (text/csv) with a header line.',
        tags: ['bulk-jobs'],
        body: {
          anyOf: [
            { type: 'array', minItems: 1, maxItems: MAX_BULK_ITEMS, items: bulkItemSchema },
            { type: 'string', minLength: 1 },
          ],
        },
      },
    },
    async (request, reply) => {
      const items = typeof request.body === 'string' ? parseBulkCsv(request.body) : request.body;
      if (items.length === 0)
        throw new GatewayError('ValidationError', 400, 'The job has no items.');
      const id = randomUUID();
      return runChange(context, request, reply, {
        action: 'SubmitBulkJob',
        target: `bulk-job/${id}`,
        run: async () => {
          const caller = request.caller!;
          await context.store.createBulkJob(
            { id, caller: `${caller.id} (${caller.name})`, createdAt: new Date().toISOString() },
            items,
          );
          context.wakeBulkWorker();
          return { status: 202, body: { id, status: 'queued', total: items.length } };
        },
      });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { items?: string } }>(
    '/v1/bulk-jobs/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Status and report of a bulk job',
        tags: ['bulk-jobs'],
        params: {
          type: 'object',
          required: ['id'],
          additionalProperties: false,
          properties: { id: { type: 'string', format: 'uuid' } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { items: { type: 'string', enum: ['true', 'false'] } },
        },
      },
    },
    async (request) => {
      const job = await context.store.getBulkJob(request.params.id);
      if (!job) throw new GatewayError('NoSuchEntity', 404, `No bulk job ${request.params.id}.`);
      if (request.query.items !== 'true') return { job };
      const items = await context.store.listBulkItems(job.id);
      return { job, items };
    },
  );
}
