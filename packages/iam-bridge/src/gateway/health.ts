import type { FastifyInstance } from 'fastify';

import type { GatewayContext } from './context.js';

/**
 * `/healthz` (the process answers), `/readyz` (the store answers and the IAM target
 * answers STS `GetCallerIdentity`; says whether the embedded emulator is in use; 503 when
 * not ready, with the reasons in the log rather than the answer, which needs no key), and
 * `/metrics` (Prometheus text, read scope).
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
    async (request, reply) => {
      // Anyone may ask, so the answer says only what is up; why not (error text that may
      // name hosts, files or the account) goes to the log.
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      const failed = (name: string, error: unknown) => {
        checks[name] = { ok: false };
        context.logger.warn(
          { requestId: request.id, check: name, reason: (error as Error).message },
          'readiness check failed',
        );
      };
      try {
        await context.store.ping();
        checks.store = { ok: true, detail: context.store.kind };
      } catch (error) {
        failed('store', error);
      }
      try {
        // A probe answers within a probe's patience: no retries past 2.5 s in all.
        await context.target.sts.send(
          'GetCallerIdentity',
          {},
          { timeoutMs: 2_000, signal: AbortSignal.timeout(2_500) },
        );
        checks.target = { ok: true };
      } catch (error) {
        failed('target', error);
      }
      const ready = Object.values(checks).every((check) => check.ok);
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        target: {
          kind: context.target.kind,
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
