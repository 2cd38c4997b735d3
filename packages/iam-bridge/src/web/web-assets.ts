import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder the explainer page is built into (`web/dist` in the package), found from this
 * module's own place: `src/web/` when run from source, `dist/web/` when built; both sit two
 * levels under the package root.
 *
 * @example readFileSync(join(webAssetsDir(), 'index.html'), 'utf8')
 */
export function webAssetsDir(): string {
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

/**
 * Whether the page has been built (`npm run build` runs `scripts/build-web.mjs`).
 *
 * @example if (!webAssetsBuilt()) console.warn('run npm run build to get the explainer page')
 */
export function webAssetsBuilt(dir: string = webAssetsDir()): boolean {
  return existsSync(join(dir, 'index.html'));
}
