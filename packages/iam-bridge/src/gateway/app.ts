import { randomUUID } from 'node:crypto';

import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';

import { registerWebPages } from '../web/index.js';
import { authenticate } from './auth/authenticate.js';
import { sigv4Callers } from './auth/sigv4-callers.js';
import type { GatewayContext } from './context.js';
import { errorBody, GatewayError, statusOf } from './errors.js';
import { registerHealthRoutes } from './health.js';
import { registerOpenApiRoutes, OPENAPI_INFO } from './openapi.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerBulkJobRoutes } from './routes/bulk-jobs.js';
import { registerIamActionRoutes } from './routes/iam-actions.js';
import { registerMembershipRoutes } from './routes/memberships.js';
import { registerPresignRoutes } from './routes/presign.js';
import { registerUserRoutes } from './routes/users.js';
import { validationMessage } from './validation.js';

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
    return503OnClosing: true,
  }) as unknown as FastifyInstance;

  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  await app.register(swagger, { openapi: OPENAPI_INFO as object });

  app.addHook('onRequest', authenticate(context));
  app.addHook('preParsing', sigv4Callers(context));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
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
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const refusal = asRefusal(error);
    const status = refusal === undefined ? statusOf(error) : refusal.status;
    if (status >= 500) {
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

// Fastify's own refusals (schema, JSON, size, media type) as the gateway's JSON errors.
function asRefusal(error: FastifyError): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error.validation) {
    const { message, field } = validationMessage(error.validation, error.validationContext);
    return new GatewayError('ValidationError', 400, message, { details: { field } });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('PayloadTooLarge', 413, 'The request body is larger than allowed.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(
        'UnsupportedMediaType',
        415,
        'Send application/json (or text/csv for bulk jobs).',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('MalformedJson', 400, 'The JSON body is empty.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError('InvalidRequest', 400, 'Content-Length does not match the body.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new GatewayError('MalformedJson', 400, `The body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new GatewayError('InvalidRequest', error.statusCode, error.message);
  }
  return undefined;
}
