import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openJournal } from '../../../src/lifecycle/bulk/journal.js';

test('records survive a reopen, and a torn last line is ignored', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'run.journal');
  const journal = await openJournal(path);
  await Promise.all([
    journal.append({ key: 'create:a', line: 2, state: 'creating' }),
    journal.append({ key: 'create:b', line: 3, state: 'creating' }),
  ]);
  await journal.append({ key: 'create:a', line: 2, state: 'done', outcome: 'created' });
  await journal.close();
  appendFileSync(path, '{"key":"create:b","line":3,"sta');

  const reopened = await openJournal(path);
  assert.equal(reopened.latest('create:a')?.state, 'done');
  assert.equal(reopened.latest('create:b')?.state, 'creating');
  await reopened.append({ key: 'create:b', line: 3, state: 'done' });
  await reopened.close();

  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(JSON.parse(lines.at(-1) ?? '').state, 'done');
});
