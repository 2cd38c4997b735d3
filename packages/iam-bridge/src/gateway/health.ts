import type { FastifyInstance } from 'fastify';

import type { GatewayContext } from './context.js';

/**
 * `/healthz` (the process answers), `/readyz` (the store answers and the IAM target
 * answers STS `GetCallerIdentity`; says whether the embedded emulator is in use; 503 when
 * not ready), and `/metrics` (Prometheus text, read scope).
 *
 * @example registerHealthRoutes(app, context);
 */
export function registerHealthRoutes(app: FastifyInstance, context: GatewayContext): void {
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['operations'] } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { schema: { summary: 'Readiness: store and IAM target', tags: ['operations'] } },
    async (_request, reply) => {
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      try {
        await context.store.ping();
        checks.store = { ok: true, detail: context.store.kind };
      } catch (error) {
        checks.store = { ok: false, detail: (error as Error).message };
      }
      try {
        const identity = await context.target.sts.send(
          'GetCallerIdentity',
          {},
          {
            timeoutMs: 3_000,
          },
        );
        checks.target = { ok: true, detail: identity.Arn ?? '' };
      } catch (error) {
        checks.target = { ok: false, detail: (error as Error).message };
      }
      const ready = Object.values(checks).every((check) => check.ok);
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        target: {
          kind: context.target.kind,
          endpoint: context.target.description,
          embeddedEmulator: context.target.kind === 'embedded-emulator',
        },
        checks,
      });
    },
  );

  app.get(
    '/metrics',
    { config: { scope: 'read' }, schema: { summary: 'Prometheus metrics', tags: ['operations'] } },
    async (_request, reply) =>
      reply.type('text/plain; version=0.0.4; charset=utf-8').send(context.metrics.render()),
  );
}
