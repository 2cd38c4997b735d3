#!/usr/bin/env node
// Builds the web pages with esbuild into web/dist/:
//   index.html + web/explain.js + web/explain.css  (served by the gateway at / and /explain)
//   explain.html                                   (one file, script and styles inlined, opens
//                                                   from disk)
//   console.html + web/console.js + web/console.css (the gateway console, served at /console)
// The explainer's Content-Security-Policy forbids every connection, so the page cannot send
// the secret anywhere even by mistake; the console may talk to its own origin only.
// Usage: node packages/iam-bridge/scripts/build-web.mjs [--out <dir>]
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const webRoot = join(packageRoot, 'web');

/** Where the page is built unless told otherwise. */
export const defaultOutDir = join(webRoot, 'dist');

const SHARED_POLICY = [
  "default-src 'none'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
];

async function bundle(scriptEntry, styleEntry) {
  const common = { bundle: true, minify: true, write: false, logLevel: 'silent' };
  const script = await esbuild.build({
    ...common,
    entryPoints: [join(webRoot, scriptEntry)],
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    // Workspace packages resolve to their TypeScript sources, so no package build is needed.
    conditions: ['source'],
    legalComments: 'none',
  });
  const style = await esbuild.build({
    ...common,
    entryPoints: [join(webRoot, styleEntry)],
    loader: { '.css': 'css' },
  });
  return { js: script.outputFiles[0].text, css: style.outputFiles[0].text };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function fill(template, values) {
  // A function replacer, so `$` in the bundled code is never read as a pattern.
  return template.replace(/\{\{(CSP|STYLE|SCRIPT)\}\}/g, (_, name) => values[name]);
}

// The console calls the gateway's API on its own origin and nothing else.
async function buildConsole(out) {
  const template = await readFile(join(webRoot, 'console.html'), 'utf8');
  const { js, css } = await bundle(join('src', 'console', 'main.ts'), 'console.css');
  const policy = SHARED_POLICY.map((rule) =>
    rule.startsWith('connect-src') ? "connect-src 'self'" : rule,
  );
  const page = fill(template, {
    CSP: [...policy, "script-src 'self'", "style-src 'self'"].join('; '),
    STYLE: '<link rel="stylesheet" href="/web/console.css" />',
    SCRIPT: '<script src="/web/console.js" defer></script>',
  });
  const files = {
    console: join(out, 'console.html'),
    consoleScript: join(out, 'web', 'console.js'),
    consoleStyle: join(out, 'web', 'console.css'),
  };
  await Promise.all([
    writeFile(files.console, page),
    writeFile(files.consoleScript, js),
    writeFile(files.consoleStyle, css),
  ]);
  return files;
}

/**
 * Builds the explainer and the console into `outDir` and returns the paths it wrote.
 *
 * @example await buildWeb({ outDir: '/tmp/explainer' })
 */
export async function buildWeb({ outDir = defaultOutDir } = {}) {
  const template = await readFile(join(webRoot, 'explain.html'), 'utf8');
  const { js, css } = await bundle(join('src', 'main.ts'), 'explain.css');

  const served = fill(template, {
    CSP: [...SHARED_POLICY, "script-src 'self'", "style-src 'self'"].join('; '),
    STYLE: '<link rel="stylesheet" href="/web/explain.css" />',
    SCRIPT: '<script src="/web/explain.js" defer></script>',
  });

  // Inline text must not close its element early.
  const inlineJs = js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  const inlineCss = css.replace(/<\/(style)/gi, '<\\/$1');
  const standalone = fill(template, {
    CSP: [
      ...SHARED_POLICY,
      `script-src ${sha256(inlineJs)}`,
      `style-src ${sha256(inlineCss)}`,
    ].join('; '),
    STYLE: `<style>${inlineCss}</style>`,
    SCRIPT: `<script>${inlineJs}</script>`,
  });

  const out = resolve(outDir);
  await mkdir(join(out, 'web'), { recursive: true });
  const files = {
    index: join(out, 'index.html'),
    standalone: join(out, 'explain.html'),
    script: join(out, 'web', 'explain.js'),
    style: join(out, 'web', 'explain.css'),
  };
  await Promise.all([
    writeFile(files.index, served),
    writeFile(files.standalone, standalone),
    writeFile(files.script, js),
    writeFile(files.style, css),
  ]);
  return { ...files, ...(await buildConsole(out)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--out');
  const outDir = at === -1 ? defaultOutDir : process.argv[at + 1];
  const files = await buildWeb({ outDir });
  console.log(`explainer page built: ${files.index}, standalone ${files.standalone}`);
  console.log(`console page built: ${files.console}`);
}
