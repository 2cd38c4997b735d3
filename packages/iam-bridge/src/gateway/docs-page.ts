import { createHash } from 'node:crypto';

/**
 * The `/docs` page: plain HTML and an inline script that fetches `/openapi.json` with the
 * key the reader types (kept in the tab's sessionStorage only) and lists each route with
 * its schemas. `{{TARGET}}` is replaced with the IAM target's description.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iam-bridge gateway API</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
.route{border:1px solid #ccc;border-radius:6px;margin:.8em 0;padding:.6em .9em}
.method{font-weight:700;display:inline-block;min-width:4.5em}
pre{background:#f6f6f6;padding:.6em;overflow:auto;font-size:13px}
#target{background:#fff4d6;padding:.4em .8em;border-radius:4px}
</style></head><body>
<h1>iam-bridge gateway API</h1>
<p id="target">{{TARGET}}</p>
<p><label>API key (read scope) <input id="key" type="password" size="60"></label>
<button id="load">Load</button> <a href="/openapi.json">openapi.json</a></p>
<p id="status"></p><div id="routes"></div>
<script>
const keyInput = document.getElementById('key');
keyInput.value = sessionStorage.getItem('iam-bridge-key') || '';
document.getElementById('load').onclick = load;
if (keyInput.value) load();
async function load() {
  sessionStorage.setItem('iam-bridge-key', keyInput.value);
  const status = document.getElementById('status');
  const answer = await fetch('/openapi.json', { headers: { 'x-api-key': keyInput.value } });
  if (!answer.ok) { status.textContent = 'Refused: HTTP ' + answer.status; return; }
  const doc = await answer.json();
  status.textContent = doc.info.title + ' ' + doc.info.version;
  const routes = document.getElementById('routes');
  routes.replaceChildren();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const box = document.createElement('div');
      box.className = 'route';
      const head = document.createElement('div');
      const verb = document.createElement('span');
      verb.className = 'method';
      verb.textContent = method.toUpperCase();
      head.append(verb, path + '  ' + (operation.summary || ''));
      const detail = document.createElement('pre');
      detail.textContent = JSON.stringify({
        parameters: operation.parameters, requestBody: operation.requestBody,
        responses: operation.responses }, null, 2);
      box.append(head, detail);
      routes.append(box);
    }
  }
}
</script></body></html>
`;

const inline = (tag: string) =>
  new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(DOCS_PAGE)?.[1] ?? '';
const digest = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The page's Content-Security-Policy: its own inline script and styles only (by hash),
 * requests to this origin only, nothing from anywhere else.
 */
export const DOCS_PAGE_POLICY = [
  "default-src 'none'",
  `script-src ${digest(inline('script'))}`,
  `style-src ${digest(inline('style'))}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
