// The gateway console in chromium against a running gateway with the embedded emulator in
// memory: sign in, create a user with a group and an access key (secret shown once), find
// it, rotate its key, force-delete it after the preview, read the audit log; a read-only key
// is refused inline. A screenshot of each view goes to .tmp/screenshots/.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../gateway/support.js';
import { browserSkipReason, launchBrowser } from './browser-harness.js';

const screenshotDir = fileURLToPath(new URL('../../../../.tmp/screenshots/', import.meta.url));
const skip = browserSkipReason();
const USER = 'console-ana';
const GROUP = 'console-developers';

describe('gateway console in chromium', { skip }, () => {
  let gateway: TestGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let firstAccessKeyId = '';
  let rotatedAccessKeyId = '';
  const requests: string[] = [];

  before(async () => {
    // The gateway serves the pages from the package's web/dist, as after `npm run build`.
    // @ts-expect-error: the build script is plain JavaScript without type declarations.
    const { buildWeb } = await import('../../scripts/build-web.mjs');
    await buildWeb();
    gateway = await startTestGateway();
    const group = await gateway.call('POST', '/v1/iam/CreateGroup', {
      body: { GroupName: GROUP },
    });
    assert.equal(group.status, 200, group.text);
    for (let i = 0; i < 24; i += 1) {
      const made = await gateway.call('POST', '/v1/users', {
        body: { userName: `paging-${String(i).padStart(2, '0')}` },
      });
      assert.equal(made.status, 201, made.text);
    }
    await mkdir(screenshotDir, { recursive: true });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: gateway.url,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('request', (request) => requests.push(request.url()));
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `console-${name}.png`), fullPage: true });

  async function signIn(key: string): Promise<void> {
    await page.goto(`${gateway.url}/console`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.getByLabel('API key').fill(key);
    // Enter in the field submits the form: the sign-in works from the keyboard.
    await page.getByLabel('API key').press('Enter');
    await page.waitForFunction(() => document.body.dataset.usersState === 'ready');
  }

  it('refuses an unknown key inline, then signs in; the key stays in the tab only', async () => {
    await page.goto(`${gateway.url}/console`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'api-key');
    await shot('sign-in');

    await page.getByLabel('API key').fill(`iamb_000000000000_${'x'.repeat(43)}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = page.locator('#sign-in-error');
    await refused.waitFor({ state: 'visible' });
    assert.match(await refused.innerText(), /Unauthorized/);
    assert.match(await refused.innerText(), /unknown, revoked or malformed/);

    await signIn(gateway.keys.admin);
    assert.equal(await page.locator('#console').isVisible(), true);
    const stored = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: localStorage.length,
      cookie: document.cookie,
      url: location.href,
    }));
    assert.deepEqual(stored.session, [gateway.keys.admin]);
    assert.equal(stored.local, 0);
    assert.equal(stored.cookie, '');
    assert.equal(stored.url, `${gateway.url}/console`);
    assert.ok(requests.every((url) => !url.includes(gateway.keys.admin)));
    const shownId = await page.locator('#key-id').innerText();
    assert.ok(gateway.keys.admin.startsWith(`${shownId}_`));
  });

  it('creates a user with a group, a tag and an access key; the secret is shown once', async () => {
    await page.getByRole('button', { name: 'Create user', exact: true }).click();
    await page.getByLabel('User name', { exact: true }).fill(USER);
    await page.getByLabel('Path').fill('/console/');
    await page.getByLabel('Groups').fill(GROUP);
    await page.getByLabel('Tags').fill('team=ops');
    await page.getByLabel('Create an access key').check();
    await page.getByRole('button', { name: 'Create user', exact: true }).last().click();
    await page.waitForFunction(() => document.body.dataset.createState === 'done');

    const created = page.locator('#created');
    assert.match(await created.innerText(), new RegExp(`Created ${USER}`));
    assert.match(await created.innerText(), new RegExp(`AddUserToGroup ${GROUP}`));
    const note = page.locator('.shown-once');
    assert.match(await note.innerText(), /Shown once/);
    firstAccessKeyId = await page.locator('pre[data-secret="accessKeyId"]').innerText();
    const secret = await page.locator('pre[data-secret="secretAccessKey"]').innerText();
    assert.match(firstAccessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(secret.length, 40);
    await shot('create');

    await page.getByRole('button', { name: 'Copy Secret access key' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

    await page.getByRole('button', { name: 'I have saved them: hide' }).click();
    assert.equal(await page.locator('pre[data-secret]').count(), 0);
    assert.equal((await page.content()).includes(secret), false);
  });

  it('checks the form in the page and names the field at fault', async () => {
    await page.getByLabel('User name', { exact: true }).fill('has space');
    await page.getByLabel('Groups').fill('bad/group');
    await page.getByRole('button', { name: 'Create user', exact: true }).last().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'create-userName');
    assert.equal(
      await page.getByLabel('User name', { exact: true }).getAttribute('aria-invalid'),
      'true',
    );
    assert.match(await page.locator('#create-groups-error').innerText(), /bad\/group/);
    await page.locator('#create-form').evaluate((form: HTMLFormElement) => form.reset());
  });

  it('finds the user by name prefix and pages through the list', async () => {
    await page.getByRole('button', { name: 'Users', exact: true }).click();
    await page.waitForFunction(() => document.body.dataset.usersState === 'ready');
    const rows = page.locator('#user-table tbody tr');
    assert.equal(await rows.count(), 20);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForFunction(() => document.body.dataset.usersState === 'ready');
    assert.equal(await rows.count(), 5);
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isVisible(), false);
    await page.getByRole('button', { name: 'First page' }).click();
    await page.waitForFunction(() => document.body.dataset.usersState === 'ready');
    assert.equal(await rows.count(), 20);

    await page.getByLabel('User name starts with').fill('CONSOLE-');
    await page.getByLabel('User name starts with').press('Enter');
    await page.waitForFunction(() => document.body.dataset.usersState === 'ready');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /console-ana\s+\/console\//);
    await shot('users');
  });

  it('shows the user with its group, tag and access key', async () => {
    await page.getByRole('button', { name: USER, exact: true }).click();
    await page.waitForFunction(() => document.body.dataset.userState === 'ready');
    assert.match(await page.locator('#user-groups').innerText(), new RegExp(GROUP));
    assert.match(await page.locator('#user-access-keys').innerText(), new RegExp(firstAccessKeyId));
    assert.match(await page.locator('#user-tags').innerText(), /team=ops/);
    assert.match(await page.locator('#user-details').innerText(), /arn:aws:iam::\d{12}:user\//);
    await shot('user-detail');
  });

  it('rotates the access key, deleting the old one; the new secret is shown once', async () => {
    await page.getByRole('button', { name: 'Rotate access key' }).click();
    await page.getByLabel('Delete the old key').check();
    await page.getByRole('button', { name: 'Create the new key' }).click();
    const secret = page.locator('#rotate-panel pre[data-secret="secretAccessKey"]');
    await secret.waitFor();
    assert.equal((await secret.innerText()).length, 40);
    rotatedAccessKeyId = await page
      .locator('#rotate-panel pre[data-secret="accessKeyId"]')
      .innerText();
    assert.notEqual(rotatedAccessKeyId, firstAccessKeyId);
    assert.match(await page.locator('#rotate-panel').innerText(), /Shown once/);
    assert.match(await page.locator('#rotate-panel').innerText(), /deleted/);
    await page.waitForFunction(() => document.body.dataset.userState === 'ready');
    const keys = await page.locator('#user-access-keys').innerText();
    assert.match(keys, new RegExp(rotatedAccessKeyId));
    assert.doesNotMatch(keys, new RegExp(firstAccessKeyId));
    await shot('rotate');
  });

  it('force-deletes the user after a preview listing its key and group membership', async () => {
    await page.getByRole('button', { name: 'Delete user…' }).click();
    const preview = page.locator('#delete-preview');
    await preview.waitFor();
    const items = await preview
      .locator('li')
      .evaluateAll((nodes) =>
        nodes.map(
          (node) => `${(node as HTMLElement).dataset.kind} ${(node as HTMLElement).dataset.id}`,
        ),
      );
    assert.ok(items.includes(`groupMembership ${GROUP}`), items.join());
    assert.ok(items.includes(`accessKey ${rotatedAccessKeyId}`), items.join());
    assert.ok(items.includes(`user ${USER}`), items.join());
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'delete-title');
    // Nothing is deleted by the preview.
    assert.equal((await gateway.call('GET', `/v1/users/${USER}`)).status, 200);
    await shot('delete-preview');

    await page.getByRole('button', { name: `Delete ${USER} and everything listed` }).click();
    await page.locator('#deleted').waitFor();
    assert.match(await page.locator('#deleted').innerText(), new RegExp(`${USER} was deleted`));
    assert.match(await page.locator('#deleted-items').innerText(), new RegExp(rotatedAccessKeyId));
    assert.equal((await gateway.call('GET', `/v1/users/${USER}`)).status, 404);
    await shot('deleted');
  });

  it('shows the audit entries of the create, rotate and delete, with filters', async () => {
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.waitForFunction(() => document.body.dataset.auditState === 'ready');
    await page.getByLabel('Target').fill(`user/${USER}`);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.waitForFunction(() => document.body.dataset.auditState === 'ready');
    const rows = page.locator('#audit-table tbody tr');
    const actions = await rows.evaluateAll((nodes) =>
      nodes.map((node) => (node as HTMLElement).dataset.action),
    );
    assert.deepEqual(actions, ['DeleteUser', 'RotateAccessKey', 'CreateUser']);
    assert.match(await rows.first().innerText(), /succeeded\s+200/);
    assert.match(await rows.last().innerText(), /succeeded\s+201/);
    await shot('audit');

    const caller = await rows.first().locator('td').nth(1).innerText();
    assert.match(caller, /^key:[0-9a-f]{12} \(admin-/);
    await page.getByLabel('Caller').fill(caller);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.waitForFunction(() => document.body.dataset.auditState === 'ready');
    assert.equal(await rows.count(), 3);

    await page.getByLabel('Action').fill('DeleteUser');
    await page.getByLabel('Outcome').selectOption('failed');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.waitForFunction(() => document.body.dataset.auditState === 'ready');
    assert.equal(await page.locator('#audit-empty').isVisible(), true);
  });

  it('signs out: the key is gone and the sign-in form is back', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    assert.equal(await page.locator('#sign-in').isVisible(), true);
    assert.equal(await page.locator('#console').isVisible(), false);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  });

  it('shows the refusal inline when a read-only key tries to create a user', async () => {
    await signIn(gateway.keys.read);
    await page.getByRole('button', { name: 'Create user', exact: true }).click();
    await page.getByLabel('User name', { exact: true }).fill('not-allowed');
    await page.getByRole('button', { name: 'Create user', exact: true }).last().click();
    await page.waitForFunction(() => document.body.dataset.createState === 'done');
    const error = page.locator('#create-error');
    assert.equal(await error.isVisible(), true);
    assert.equal(await error.getAttribute('role'), 'alert');
    const text = await error.innerText();
    assert.match(text, /Forbidden/);
    assert.match(text, /needs the write scope/);
    assert.match(text, /Request id [0-9a-f-]{36}/);
    assert.equal((await gateway.call('GET', '/v1/users/not-allowed')).status, 404);
    await shot('forbidden');
  });

  it('talked to the gateway only', () => {
    const elsewhere = requests.filter((url) => !url.startsWith(`${gateway.url}/`));
    assert.deepEqual(elsewhere, []);
  });
});
