// The API key for this tab: in sessionStorage only, so it is never in a URL or a cookie and
// disappears with the tab.
const STORAGE_NAME = 'iam-bridge.console.apiKey';

/**
 * The API key this tab signed in with, if any.
 *
 * @example const key = storedApiKey(); if (key === undefined) showSignIn();
 */
export function storedApiKey(): string | undefined {
  try {
    return window.sessionStorage.getItem(STORAGE_NAME) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the API key for this tab.
 *
 * @example storeApiKey('iamb_0a1b2c3d4e5f_...')
 */
export function storeApiKey(key: string): void {
  window.sessionStorage.setItem(STORAGE_NAME, key);
}

/**
 * Forgets the API key (sign out).
 *
 * @example forgetApiKey()
 */
export function forgetApiKey(): void {
  window.sessionStorage.removeItem(STORAGE_NAME);
}

/**
 * The public part of a gateway API key (`iamb_<id>_<secret>`), safe to show.
 *
 * @example publicKeyId('iamb_0a1b2c3d4e5f_abc') // 'iamb_0a1b2c3d4e5f'
 */
export function publicKeyId(key: string): string {
  const match = /^(iamb_[0-9a-f]{12})_/.exec(key);
  return match ? match[1]! : '(unrecognised key format)';
}
