// Drives the explainer's form the way a person does: typing, choosing, clicking.
import type { Page } from 'playwright-core';

/** What a test puts in the form; fields left out keep their current value. */
export interface FormInput {
  method?: string;
  url?: string;
  headers?: string;
  body?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  region?: string;
  service?: string;
  date?: string;
  mode?: 'header' | 'query';
  expiresIn?: string;
  pathEncoding?: 'default' | 'double' | 'single';
  pathNormalization?: 'default' | 'normalize' | 'none';
  contentSha256Header?: 'default' | 'include' | 'omit';
  sessionTokenMode?: 'signed' | 'appended';
}

const TEXT = [
  'method',
  'url',
  'region',
  'service',
  'headers',
  'body',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
] as const;
const SELECTS = [
  'pathEncoding',
  'pathNormalization',
  'contentSha256Header',
  'sessionTokenMode',
] as const;

/** Fills the form (URL before region and service, so typed values win over inference). */
export async function fillForm(page: Page, input: FormInput): Promise<void> {
  for (const name of TEXT) {
    const value = input[name];
    if (value !== undefined) await page.fill(`#${name}`, value);
  }
  if (input.date !== undefined) {
    await page.check('#dateMode-fixed');
    await page.fill('#date', input.date);
  }
  if (input.mode !== undefined) await page.check(`#mode-${input.mode}`);
  if (input.expiresIn !== undefined && (await page.isEnabled('#expiresIn'))) {
    await page.fill('#expiresIn', input.expiresIn);
  }

  if (SELECTS.some((name) => input[name] !== undefined)) {
    if (!(await page.locator('details.advanced').evaluate((d) => (d as HTMLDetailsElement).open))) {
      await page.click('details.advanced summary');
    }
    for (const name of SELECTS) {
      const value = input[name];
      if (value !== undefined) await page.selectOption(`#${name}`, value);
    }
  }
}

/** Clicks Sign and waits for the page to show a result or errors. */
export async function submit(page: Page): Promise<'signed' | 'errors'> {
  await page.evaluate(() => delete document.body.dataset.state);
  await page.click('#sign-button');
  await page.waitForFunction(() => document.body.dataset.state !== undefined);
  // Typing schedules a re-sign; let it land so what is read next is settled.
  await page.waitForTimeout(250);
  return (await page.evaluate(() => document.body.dataset.state)) as 'signed' | 'errors';
}

/** The text of an element, or '' when it is missing. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const found = page.locator(selector);
  return (await found.count()) === 0 ? '' : ((await found.first().textContent()) ?? '');
}

/** The field errors the page shows, as one line per error. */
export async function shownErrors(page: Page): Promise<string> {
  return (await page.locator('.field-error:not([hidden])').allTextContents()).join('\n');
}
