import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWebPages } from '../../src/web/register-web-pages.js';
import { webAssetsBuilt, webAssetsDir } from '../../src/web/web-assets.js';
import { buildPage } from './browser-harness.js';

describe('registerWebPages', () => {
  let app: FastifyInstance;
  let built: { dir: string; remove: () => Promise<void> };

  before(async () => {
    built = await buildPage();
    app = Fastify();
    await registerWebPages(app, { assetsDir: built.dir });
  });

  after(async () => {
    await app.close();
    await built.remove();
  });

  it('serves the explainer at / and /explain with a policy that forbids connections', async () => {
    for (const url of ['/', '/explain']) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /^text\/html/);
      assert.match(response.body, /<script src="\/web\/explain\.js" defer><\/script>/);
      assert.match(response.headers['content-security-policy'] as string, /connect-src 'none'/);
    }
  });

  it('serves the script and styles, and nothing else, under /web/', async () => {
    const script = await app.inject({ url: '/web/explain.js' });
    assert.equal(script.statusCode, 200);
    assert.match(script.headers['content-type'] as string, /^text\/javascript/);
    const style = await app.inject({ url: '/web/explain.css' });
    assert.match(style.headers['content-type'] as string, /^text\/css/);
    assert.equal((await app.inject({ url: '/web/..%2Fexplain.html' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/web/other.js' })).statusCode, 404);
  });

  it('answers 503 with the build command when the page is not built', async () => {
    const empty = Fastify();
    await registerWebPages(empty, { assetsDir: '/nonexistent-iam-bridge-web' });
    const response = await empty.inject({ url: '/explain' });
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /npm run build/);
    assert.equal(webAssetsBuilt('/nonexistent-iam-bridge-web'), false);
    assert.match(webAssetsDir(), /web[/\\]dist[/\\]$/);
    await empty.close();
  });
});

describe('the server notice', () => {
  it('is shown, escaped, on the explainer and the console, and absent when not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-notice-'));
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'index.html'), '<html><body class="x"><h1>e</h1></body></html>');
    writeFileSync(join(dir, 'console.html'), '<html><body><h1>c</h1></body></html>');

    const app = Fastify();
    await registerWebPages(app, { assetsDir: dir, notice: 'Runs on <the> emulator' });
    for (const url of ['/', '/console']) {
      const body = (await app.inject({ url })).body;
      assert.match(
        body,
        /<body[^>]*><p class="server-notice" role="status">Runs on &#60;the&#62; emulator<\/p>/,
      );
    }
    const plain = Fastify();
    await registerWebPages(plain, { assetsDir: dir });
    assert.doesNotMatch((await plain.inject({ url: '/' })).body, /server-notice/);
  });
});
