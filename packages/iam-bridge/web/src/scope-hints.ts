import { inferScope } from '@iam-bridge/sigv4/web';
import { byId } from './dom.js';

const typedByHand = new Set<'region' | 'service'>();

/**
 * The host of a URL as typed, or undefined while it does not parse yet.
 *
 * @example hostOf('https://iam.amazonaws.com/?Action=ListUsers') // 'iam.amazonaws.com'
 */
export function hostOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]+)/i.exec(url.trim());
  return match?.[1];
}

/**
 * Remembers that a person typed the region or service, so inference leaves it alone; clearing
 * the field hands it back to inference.
 *
 * @example byId('region').addEventListener('input', () => noteTyped('region'))
 */
export function noteTyped(field: 'region' | 'service'): void {
  if (byId<HTMLInputElement>(field).value.trim() === '') typedByHand.delete(field);
  else typedByHand.add(field);
  inferFromUrl();
}

/**
 * Forgets hand-typed region and service, as when the form is filled from a preset.
 *
 * @example forgetTyped()
 */
export function forgetTyped(): void {
  typedByHand.clear();
}

/**
 * Fills the region and service from the URL's host with `inferScope` (unless typed by hand) and
 * says where each value came from.
 *
 * @example byId('url').addEventListener('input', inferFromUrl)
 */
export function inferFromUrl(): void {
  const host = hostOf(byId<HTMLInputElement>('url').value);
  const inferred = host === undefined ? {} : inferScope(host);
  for (const field of ['region', 'service'] as const) {
    const input = byId<HTMLInputElement>(field);
    const hint = byId(`${field}-hint`);
    const value = inferred[field];
    if (typedByHand.has(field)) {
      hint.textContent = 'Typed by you; clear it to infer it from the host.';
    } else if (value !== undefined) {
      input.value = value;
      hint.textContent = `Inferred from ${host}; edit it to override.`;
    } else {
      input.value = '';
      hint.textContent =
        host === undefined
          ? 'Inferred once the URL has a host.'
          : `${host} is not an AWS host: enter it.`;
    }
  }
}
