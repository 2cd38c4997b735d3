#!/usr/bin/env node
// Builds the SigV4 explainer page with esbuild into web/dist/:
//   index.html + web/explain.js + web/explain.css  (served by the gateway at / and /explain)
//   explain.html                                   (one file, script and styles inlined, opens
//                                                   from disk)
// Both carry a Content-Security-Policy that forbids every connection, so the page cannot send
// the secret anywhere even by mistake.
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

async function bundle() {
  const common = { bundle: true, minify: true, write: false, logLevel: 'silent' };
  const script = await esbuild.build({
    ...common,
    entryPoints: [join(webRoot, 'src', 'main.ts')],
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    // Workspace packages resolve to their TypeScript sources, so no package build is needed.
    conditions: ['source'],
    legalComments: 'none',
  });
  const style = await esbuild.build({
    ...common,
    entryPoints: [join(webRoot, 'explain.css')],
    loader: { '.css': 'css' },
  });
  return { js: script.outputFiles[0].text, css: style.outputFiles[0].text };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function fill(template, values) {
  // A function replacer, so `$` in the bundled code is never read as a pattern.
  return template.replace(/\{\{(CSP|STYLE|SCRIPT)\}\}/g, (_, name) => values[name]);
}

/**
 * Builds the explainer into `outDir` and returns the paths it wrote.
 *
 * @example await buildWeb({ outDir: '/tmp/explainer' })
 */
export async function buildWeb({ outDir = defaultOutDir } = {}) {
  const template = await readFile(join(webRoot, 'explain.html'), 'utf8');
  const { js, css } = await bundle();

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
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--out');
  const outDir = at === -1 ? defaultOutDir : process.argv[at + 1];
  const files = await buildWeb({ outDir });
  console.log(`explainer page built: ${files.index}, standalone ${files.standalone}`);
}
