// The /docs page in chromium: it loads nothing from outside, runs under its own CSP, and
// lists the routes once given a key.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Browser } from 'playwright-core';

import { browserSkipReason, launchBrowser } from '../web/browser-harness.js';
import { startTestGateway, type TestGateway } from './support.js';

const skip = browserSkipReason();

describe('/docs in chromium', { skip }, () => {
  let g: TestGateway;
  let browser: Browser;
  before(async () => {
    g = await startTestGateway();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.stop();
  });

  test('lists every route with its schemas after a key is given, with no CSP violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requested: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${g.url}/docs`);
    assert.match((await page.textContent('#target')) ?? '', /embedded IAM emulator/);
    await page.fill('#key', g.keys.read);
    await page.click('#load');
    await page.waitForSelector('.route');
    const routes = await page.$$eval('.route > div', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    assert.ok(routes.some((route) => /^POST\s*\/v1\/users/.test(route ?? '')));
    assert.ok(routes.some((route) => /DELETE\s*\/v1\/users\/\{userName\}/.test(route ?? '')));
    assert.deepEqual(problems, []);
    assert.ok(
      requested.every((url) => url.startsWith(g.url)),
      requested.join('\n'),
    );
    await page.close();
  });
});
