import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { webAssetsDir } from './web-assets.js';

/** Options of `registerWebPages`. */
export interface WebPagesOptions {
  /** Folder holding the built page; default `webAssetsDir()`. */
  assetsDir?: string;
  /**
   * A line shown at the top of every page, e.g. that the gateway runs on its embedded
   * emulator. Plain text: it is HTML-escaped.
   */
  notice?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The notice goes right after <body ...>, as a status banner; the page's own CSS styles it.
function withNotice(html: Buffer, notice: string | undefined): Buffer {
  if (notice === undefined) return html;
  const text = html.toString('utf8');
  const banner = `<p class="server-notice" role="status">${escapeHtml(notice)}</p>`;
  return Buffer.from(
    text.replace(/<body[^>]*>/, (tag) => tag + banner),
    'utf8',
  );
}

function contentSecurityPolicy(connectSrc: "'none'" | "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connectSrc}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

// The explainer computes everything in the browser; its policy forbids it any connection, so
// a secret typed into it cannot leave the tab.
const EXPLAINER_POLICY = contentSecurityPolicy("'none'");
// The console calls the gateway's /v1 API with the API key, on this origin and nowhere else.
const CONSOLE_POLICY = contentSecurityPolicy("'self'");

const ASSETS: Record<string, string> = {
  'explain.js': 'text/javascript; charset=utf-8',
  'explain.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

async function sendFile(
  reply: FastifyReply,
  path: string,
  contentType: string,
  policy: string = EXPLAINER_POLICY,
  notice?: string,
): Promise<FastifyReply> {
  let body: Buffer;
  try {
    body = withNotice(await readFile(path), notice);
  } catch {
    return reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send('The web pages are not built: run `npm run build`.\n');
  }
  return reply
    .header('content-security-policy', policy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .type(contentType)
    .send(body);
}

/**
 * Serves the SigV4 explainer page at `/` and `/explain`, the gateway console at `/console`,
 * and their scripts and styles under `/web/`. The explainer signs in the browser and is not
 * allowed to open connections; the console may connect to its own origin only.
 *
 * @example
 * const app = Fastify();
 * await registerWebPages(app);
 * await app.listen({ port: 8080 }); // http://127.0.0.1:8080/explain
 */
export async function registerWebPages(
  app: FastifyInstance,
  options: WebPagesOptions = {},
): Promise<void> {
  const dir = options.assetsDir ?? webAssetsDir();
  const html = 'text/html; charset=utf-8';
  const page = (_request: unknown, reply: FastifyReply) =>
    sendFile(reply, join(dir, 'index.html'), html, EXPLAINER_POLICY, options.notice);

  app.get('/', page);
  app.get('/explain', page);
  app.get('/console', (_request, reply) =>
    sendFile(reply, join(dir, 'console.html'), html, CONSOLE_POLICY, options.notice),
  );
  app.get<{ Params: { file: string } }>('/web/:file', (request, reply) => {
    const contentType = ASSETS[request.params.file];
    if (contentType === undefined) return reply.callNotFound();
    return sendFile(reply, join(dir, 'web', request.params.file), contentType);
  });
}
