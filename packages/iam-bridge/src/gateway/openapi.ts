import type { FastifyInstance } from 'fastify';

import type { GatewayContext } from './context.js';
import { DOCS_PAGE, DOCS_PAGE_POLICY } from './docs-page.js';

/** The OpenAPI document's header, handed to @fastify/swagger. */
export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'iam-bridge gateway',
    description:
      'Manage IAM users over REST. Authenticate with an API key: ' +
      '`Authorization: Bearer <key>` or `X-Api-Key`. Changes accept `Idempotency-Key`.',
    version: '0.1.0',
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    },
  },
  security: [{ bearer: [] }, { apiKey: [] }],
} as const;

/**
 * `/openapi.json` (OpenAPI 3.1 from the route schemas, read scope) and `/docs` (a page
 * that asks for an API key, fetches the document and lists the routes; nothing loads from
 * outside the gateway).
 *
 * @example registerOpenApiRoutes(app, context);
 */
export function registerOpenApiRoutes(app: FastifyInstance, context: GatewayContext): void {
  app.get('/openapi.json', { config: { scope: 'read' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get('/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-security-policy', DOCS_PAGE_POLICY)
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(DOCS_PAGE.replace('{{TARGET}}', targetLabel(context))),
  );
}

function targetLabel(context: GatewayContext): string {
  if (context.target.kind === 'embedded-emulator') {
    return 'IAM target: the embedded IAM emulator (local, not AWS)';
  }
  return context.target.kind === 'aws' ? 'IAM target: AWS' : 'IAM target: a configured endpoint';
}
