import { randomUUID } from 'node:crypto';

import type { UserSpec } from '@iam-bridge/iam';
import type { FastifyInstance } from 'fastify';

import { runChange } from '../changes.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { MAX_BULK_ITEMS, readBulkSubmission } from '../jobs/bulk-input.js';
import { flagSchema } from './schemas.js';
import { bulkSpecSchema } from './users.js';

/**
 * `POST /v1/bulk-jobs?operation=create|delete[&force=true]` (a JSON array of user specs,
 * or CSV text sent as `text/csv`; answers 202 with the job id) and `GET /v1/bulk-jobs/{id}`
 * (status, counts and, with `?items=true`, each row's outcome).
 *
 * @example registerBulkJobRoutes(app, context);
 */
export function registerBulkJobRoutes(app: FastifyInstance, context: GatewayContext): void {
  app.post<{
    Body: UserSpec[] | string;
    Querystring: { operation?: 'create' | 'delete'; force?: string };
  }>(
    '/v1/bulk-jobs',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Submit a bulk job creating or deleting users',
        description:
          'A JSON array of user specs, or CSV (text/csv) with a header line naming the ' +
          'columns userName, path, groups, policies, tags, permissionsBoundary. ' +
          'No access keys or passwords: nobody could receive them.',
        tags: ['bulk-jobs'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            operation: { type: 'string', enum: ['create', 'delete'] },
            force: flagSchema,
          },
        },
        body: {
          anyOf: [
            { type: 'array', minItems: 1, maxItems: MAX_BULK_ITEMS, items: bulkSpecSchema },
            { type: 'string', minLength: 1 },
          ],
        },
      },
    },
    async (request, reply) => {
      const rows = readBulkSubmission(request.body);
      const operation = request.query.operation ?? 'create';
      const force = request.query.force === 'true';
      const id = randomUUID();
      return runChange(context, request, reply, {
        action: 'SubmitBulkJob',
        target: `bulk-job/${id}`,
        run: async () => {
          const caller = request.caller!;
          await context.store.createBulkJob(
            {
              id,
              caller: `${caller.id} (${caller.name})`,
              createdAt: new Date().toISOString(),
              operation,
              force,
            },
            rows,
          );
          context.wakeBulkWorker();
          return { status: 202, body: { id, status: 'queued', operation, total: rows.length } };
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
          properties: { items: flagSchema },
        },
      },
    },
    async (request) => {
      const job = await context.store.getBulkJob(request.params.id);
      if (!job) throw new GatewayError('NoSuchEntity', 404, `No bulk job ${request.params.id}.`);
      if (request.query.items !== 'true') return { job };
      const items = (await context.store.listBulkItems(job.id)).map((item) => ({
        line: (item.input as { line?: number }).line,
        userName: (item.input as { spec?: { userName?: string } }).spec?.userName,
        status: item.status,
        ...(item.result ? { result: item.result } : {}),
      }));
      return { job, items };
    },
  );
}
