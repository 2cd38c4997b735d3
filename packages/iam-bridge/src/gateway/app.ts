import { randomUUID } from 'node:crypto';

import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';

import { drainRequest } from '../http-drain.js';
import { registerWebPages } from '../web/index.js';
import { authenticate } from './auth/authenticate.js';
import { sigv4Callers } from './auth/sigv4-callers.js';
import type { GatewayContext } from './context.js';
import { errorBody, GatewayError, statusOf } from './errors.js';
import { IamError } from './iam-api.js';
import { answerClientError, answerFrameworkError, refusalOf } from './framework-errors.js';
import { registerHealthRoutes } from './health.js';
import { charsetRefusal, emptyBodyAsObject, registerJsonParser } from './json-body.js';
import { registerOpenApiRoutes, OPENAPI_INFO } from './openapi.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerBulkJobRoutes } from './routes/bulk-jobs.js';
import { registerIamActionRoutes } from './routes/iam-actions.js';
import { registerMembershipRoutes } from './routes/memberships.js';
import { registerPresignRoutes } from './routes/presign.js';
import { registerUserRoutes } from './routes/users.js';

/**
 * Builds the gateway's fastify app on a shared context: hooks for authentication, rate
 * limits, metrics and logs; JSON errors; the OpenAPI document; every route.
 *
 * @example
 * const app = await buildApp(context);
 * await app.listen({ port: 8080 });
 */
export async function buildApp(context: GatewayContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: context.logger,
    // One line per request is written by the onResponse hook instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: context.config.bodyLimit,
    genReqId: () => randomUUID(),
    // Types are checked, never coerced, and unknown fields are refused, not dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // Fastify's own answers to these have another shape; the gateway's error shape instead.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    return503OnClosing: false,
  }) as unknown as FastifyInstance;

  // The hooks that run on every request answer through `done` rather than a promise: the
  // usual path is synchronous, and a promise per hook would cost each request a turn.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A request that reaches a closing instance is shed, so that the load balancer retries it
  // on another replica.
  app.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    const refusal = new GatewayError(
      'ServiceUnavailable',
      503,
      'This gateway instance is shutting down; retry the request.',
    );
    reply.code(503).send(errorBody(refusal, request.id));
  });

  registerJsonParser(app);
  app.addHook('preValidation', emptyBodyAsObject);
  // Text is a bulk job's file; any other route takes JSON and says so.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string' },
    (request, body, done) => {
      if (request.routeOptions.url === '/v1/bulk-jobs') {
        const refusal = charsetRefusal(request, 'CSV');
        return refusal ? done(refusal, undefined) : done(null, body);
      }
      done(
        new GatewayError(
          'UnsupportedMediaType',
          415,
          'Send application/json; text is for bulk jobs.',
        ),
        undefined,
      );
    },
  );

  await app.register(swagger, { openapi: OPENAPI_INFO as object });

  app.addHook('onRequest', authenticate(context));
  app.addHook('preParsing', sigv4Callers(context));
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    context.metrics.observeRequest(route, request.method, reply.statusCode, seconds);
    context.logger.info(
      {
        requestId: request.id,
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
        caller: request.caller?.id,
      },
      'request',
    );
    done();
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // A client that sends all of an oversized body before reading must still see the 413.
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') await drainRequest(request.raw);
    const refusal = refusalOf(error);
    const status = refusal === undefined ? statusOf(error) : refusal.status;
    if (status >= 500 && error instanceof IamError) {
      // The target answered (or could not be reached): its code says it all, no stack needed.
      context.logger.warn(
        { requestId: request.id, code: error.code, status, iamRequestId: error.requestId },
        `IAM target failed the request: ${error.message}`,
      );
    } else if (status >= 500) {
      context.logger.error({ requestId: request.id, err: error }, 'request failed');
    }
    if (refusal?.headers) reply.headers(refusal.headers);
    if (error instanceof GatewayError && error.headers) reply.headers(error.headers);
    return reply.code(status).send(errorBody(refusal ?? error, request.id));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorBody(
          new GatewayError(
            'NotFound',
            404,
            `No route ${request.method} ${request.url.split('?')[0]}.`,
          ),
          request.id,
        ),
      ),
  );

  registerHealthRoutes(app, context);
  registerOpenApiRoutes(app, context);
  registerUserRoutes(app, context);
  registerMembershipRoutes(app, context);
  registerIamActionRoutes(app, context);
  registerPresignRoutes(app, context);
  registerBulkJobRoutes(app, context);
  registerAuditRoutes(app, context);
  await registerWebPages(app, {
    ...(context.target.kind === 'embedded-emulator'
      ? { notice: 'This gateway runs on its embedded IAM emulator: AWS is not contacted.' }
      : {}),
  });
  return app;
}
