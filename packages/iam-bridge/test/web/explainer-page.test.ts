// The explainer page in a real browser: the preset, official suite cases in both modes, the
// compare box, field errors, keyboard use, and no network traffic while signing.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { loadV4Cases, type V4Case } from '../../../sigv4/test/official-suite.js';
import { browserSkipReason, buildPage, launchBrowser, serveDirectory } from './browser-harness.js';
import { fillForm, shownErrors, submit, textOf, type FormInput } from './explainer-form.js';

const CREATE_USER_SIGNATURE = '98ecc55e42480ecd4c159bae3d7d6ba0fdb5075dcd2e0f96ab1defea14c58cf7';
const SUITE_CASES = [
  'get-vanilla',
  'get-vanilla-query-order-key-case',
  'get-header-value-trim',
  'get-space-unnormalized',
  'post-x-www-form-urlencoded',
  'get-vanilla-with-session-token',
];
const screenshotDir = fileURLToPath(new URL('../../../../.tmp/screenshots/', import.meta.url));
const skip = browserSkipReason();

function caseInput(c: V4Case, mode: 'header' | 'query'): FormInput {
  const ctx = c.context;
  const host = c.request.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
  return {
    method: c.request.method,
    url: `https://${host}${c.request.path}`,
    region: ctx.region,
    service: ctx.service,
    headers: c.request.headers.map(([n, v]) => `${n}:${v}`).join('\n'),
    body: c.request.body,
    accessKeyId: ctx.credentials.access_key_id,
    secretAccessKey: ctx.credentials.secret_access_key,
    sessionToken: ctx.credentials.token ?? '',
    date: ctx.timestamp,
    mode,
    expiresIn: String(ctx.expiration_in_seconds),
    pathEncoding: 'double',
    pathNormalization: ctx.normalize ? 'normalize' : 'none',
    // The suite signs the body hash as a header only in header mode.
    contentSha256Header: ctx.sign_body && mode === 'header' ? 'include' : 'omit',
    sessionTokenMode: ctx.omit_session_token ? 'appended' : 'signed',
  };
}

describe('explainer page in chromium', { skip }, () => {
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let built: { dir: string; remove: () => Promise<void> };
  let page: Page;
  const requests: string[] = [];

  before(async () => {
    built = await buildPage();
    ({ server, url: baseUrl } = await serveDirectory(built.dir));
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    server?.close();
    await built?.remove();
  });

  async function openPage(): Promise<Page> {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(5000);
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    requests.length = 0;
    return page;
  }

  it('the preset reproduces the IAM CreateUser presigned signature', async () => {
    await openPage();
    await page.click('#preset-create-user');
    await page.waitForFunction(() => document.body.dataset.state === 'signed');
    assert.equal(await textOf(page, '#signature'), CREATE_USER_SIGNATURE);
    const url = await textOf(page, '#presigned-url');
    assert.match(url, /^https:\/\/iam\.amazonaws\.com\/\?Action=CreateUser&/);
    assert.match(url, /X-Amz-Expires=30&/);
    assert.ok(url.endsWith(`&X-Amz-Signature=${CREATE_USER_SIGNATURE}`));
    assert.match(await textOf(page, '#curl-command'), /^curl 'https:\/\/iam\.amazonaws\.com/);

    const parts = await page.locator('#canonical-parts tbody tr').count();
    assert.equal(parts, 6);
    assert.equal(await page.locator('#string-to-sign-parts tbody tr').count(), 4);
    assert.equal(
      await page.locator('#canonical-request .part').count(),
      6,
      'canonical request shown as six colored parts',
    );
    assert.ok((await page.locator('button.copy').count()) >= 12, 'a copy button per part');

    assert.equal(await page.locator('#signing-key-kSigning').count(), 0, 'key hidden at first');
    await page.click('#signing-key-details summary');
    await page.waitForSelector('#signing-key-kSigning');
    assert.match(await textOf(page, '#signing-key-kDate'), /^[0-9a-f]{64}$/);
    assert.equal(await textOf(page, '#signing-key-check'), 'kSigning is the key the signer used.');
    assert.deepEqual(requests, [], 'no request while signing');
  });

  it('region and service are inferred from the host as you type', async () => {
    await openPage();
    await page.fill('#url', 'https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity');
    assert.equal(await page.inputValue('#region'), 'eu-west-1');
    assert.equal(await page.inputValue('#service'), 'sts');
    await page.fill('#region', 'eu-central-1');
    await page.fill('#url', 'https://iam.amazonaws.com/');
    assert.equal(await page.inputValue('#region'), 'eu-central-1', 'typed region is kept');
    assert.equal(await page.inputValue('#service'), 'iam');
  });

  const cases = loadV4Cases().filter((c) => SUITE_CASES.includes(c.name));
  for (const mode of ['header', 'query'] as const) {
    for (const c of cases) {
      it(`reproduces the official suite case ${c.name} (${mode} mode)`, async () => {
        await openPage();
        await fillForm(page, caseInput(c, mode));
        const state = await submit(page);
        assert.equal(state, 'signed', state === 'signed' ? '' : await shownErrors(page));
        const expected = mode === 'header' ? c.header : c.query;
        assert.equal(await textOf(page, '#canonical-request'), expected.canonicalRequest);
        assert.equal(await textOf(page, '#string-to-sign'), expected.stringToSign);
        assert.equal(await textOf(page, '#signature'), expected.signature);
        assert.deepEqual(requests, []);
      });
    }
  }

  it('the compare box finds a changed header and a wrong region and names them', async () => {
    await openPage();
    await fillForm(page, {
      url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
      headers: 'X-Amz-Meta-Color: blue',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      date: '20200718T211159Z',
    });
    assert.equal(await submit(page), 'signed');
    const ours = await textOf(page, '#canonical-request');
    const oursToSign = await textOf(page, '#string-to-sign');
    const theirs = ours.replace('x-amz-meta-color:blue', 'x-amz-meta-color:green');
    const theirsToSign = oursToSign
      .replace('/us-east-1/', '/eu-west-1/')
      .replace(/[0-9a-f]{64}$/, 'f'.repeat(64));
    const message =
      'The request signature we calculated does not match the signature you provided. Check ' +
      'your AWS Secret Access Key and signing method. Consult the service documentation for ' +
      `details.\n\nThe Canonical String for this request should have been\n'${theirs}'\n\n` +
      `The String-to-Sign should have been\n'${theirsToSign}'\n`;

    await page.fill('#aws-message', message);
    await page.click('#compare-button');
    await page.waitForSelector('#compare-result:not([hidden])');
    const causes = await page.locator('#compare-causes li').allTextContents();
    assert.ok(
      causes.some((c) => c.startsWith('headers:') && c.includes('x-amz-meta-color')),
      causes.join('\n'),
    );
    assert.ok(
      causes.some((c) => c.startsWith('scope:') && /region/.test(c)),
      causes.join('\n'),
    );
    assert.deepEqual(await page.locator('.diff del').allTextContents(), [
      'yours: - x-amz-meta-color:blue',
      'yours: - ' + oursToSign.split('\n')[2],
      'yours: - ' + oursToSign.split('\n')[3],
    ]);
    assert.ok(
      (await page.locator('.diff ins').allTextContents()).includes('AWS: + x-amz-meta-color:green'),
    );
    assert.deepEqual(requests, []);
  });

  it('shows field errors next to the fields: bad URL and expiry 604801', async () => {
    await openPage();
    await fillForm(page, {
      url: 'not a url',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      mode: 'query',
      expiresIn: '604801',
      region: 'us-east-1',
      service: 'iam',
    });
    assert.equal(await submit(page), 'errors');
    assert.match(await textOf(page, '#url-error'), /InvalidUrl/);
    assert.match(await textOf(page, '#expiresIn-error'), /InvalidExpires/);
    for (const field of ['url', 'expiresIn']) {
      const described = (await page.getAttribute(`#${field}`, 'aria-describedby')) ?? '';
      assert.ok(described.split(' ').includes(`${field}-error`));
      assert.equal(await page.getAttribute(`#${field}`, 'aria-invalid'), 'true');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'url', 'focus moves');
    assert.ok(await page.locator('#result').isHidden());

    await fillForm(page, { url: 'https://iam.amazonaws.com/', expiresIn: '60' });
    await fillForm(page, { headers: 'no colon here', date: '2020-13-45' });
    assert.equal(await submit(page), 'errors');
    assert.match(await textOf(page, '#headers-error'), /line 1 .*InvalidHeaderName/);
    assert.match(await textOf(page, '#date-error'), /InvalidDate/);
    assert.equal(await page.locator('#url-error').isHidden(), true);
  });

  it('is usable with the keyboard and labels every field', async () => {
    await openPage();
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea, select')]
        .filter((el) => (el as HTMLInputElement).labels?.length === 0)
        .map((el) => el.id),
    );
    assert.deepEqual(unlabeled, []);
    const fakeButtons = await page.locator('[onclick], a:not([href]), div[role=button]').count();
    assert.equal(fakeButtons, 0);

    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.id)) === 'preset-create-user') break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'preset-create-user');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.state === 'signed');
    assert.equal(await textOf(page, '#signature'), CREATE_USER_SIGNATURE);
    assert.match(await textOf(page, '#privacy-note'), /no network\s+request/);
  });

  it('saves a screenshot of the page with a result and a comparison', async () => {
    await openPage();
    await page.click('#preset-create-user');
    await page.waitForFunction(() => document.body.dataset.state === 'signed');
    await page.click('#signing-key-details summary');
    await page.waitForSelector('#signing-key-kSigning');
    const ours = await textOf(page, '#canonical-request');
    await page.fill('#aws-message', ours.replace('Version=2010-05-08', 'Version=2010-05-09'));
    await page.click('#compare-button');
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'explainer.png'), fullPage: true });
    assert.deepEqual(requests, []);
  });

  it('the standalone file works opened from disk', async () => {
    const file = await browser.newPage();
    const seen: string[] = [];
    file.on('request', (request) => seen.push(request.url()));
    await file.goto(`file://${join(built.dir, 'explain.html')}`);
    await file.waitForFunction(() => document.body.dataset.ready === 'true');
    seen.length = 0;
    await file.click('#preset-create-user');
    await file.waitForFunction(() => document.body.dataset.state === 'signed');
    assert.equal(await textOf(file, '#signature'), CREATE_USER_SIGNATURE);
    assert.deepEqual(seen, []);
  });
});
