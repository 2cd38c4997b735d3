#!/usr/bin/env node
// Runs every *.test.ts under packages/*/test with node's own test runner, on the TypeScript
// sources (the "source" export condition), so no build is needed first.
// Usage: node scripts/run-tests.mjs [substring filter ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function findTests(dir, found = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found;
}

const filters = process.argv.slice(2);
const files = ['sigv4', 'iam', 'iam-bridge']
  .flatMap((pkg) => findTests(join(root, 'packages', pkg, 'test')))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env } },
);
process.exit(result.status ?? 1);
