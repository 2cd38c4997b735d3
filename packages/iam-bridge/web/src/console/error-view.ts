import { create } from '../dom.js';
import { ApiError } from './api-client.js';

/**
 * Lines describing the details an error body carried beyond code and message: the blockers
 * of a delete, what was removed or rolled back, the differences of an existing user, the
 * field at fault.
 *
 * @example errorDetailLines({ blockers: [{ kind: 'accessKey', id: 'AKIA1' }] })
 * // ['Blockers: accessKey AKIA1']
 */
export function errorDetailLines(details: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const titles: Record<string, string> = {
    blockers: 'Blockers',
    removed: 'Removed before the failure',
    rolledBack: 'Rolled back',
    differences: 'Differences',
    field: 'Field',
    step: 'Failed step',
  };
  for (const [name, title] of Object.entries(titles)) {
    const value = details[name];
    if (value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    lines.push(`${title}: ${items.map(describeItem).join(', ')}`);
  }
  return lines;
}

function describeItem(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  const { kind, id } = item as { kind?: unknown; id?: unknown };
  if (typeof kind === 'string' && typeof id === 'string') return `${kind} ${id}`;
  return JSON.stringify(item);
}

/**
 * Shows an error inline in `host` (a `role="alert"` element): the gateway's code and
 * message, its details and the request id to quote. Anything that is not an ApiError is
 * shown as a browser-side failure.
 *
 * @example showError(byId('users-error'), error)
 */
export function showError(host: HTMLElement, error: unknown): void {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError('BrowserError', 0, error instanceof Error ? error.message : String(error));

  const heading = create('p', { className: 'api-error-title' }, [
    create('code', { className: 'api-error-code', text: apiError.code }),
    ` ${apiError.message}`,
  ]);
  const extra = errorDetailLines(apiError.details).map((line) => create('li', { text: line }));
  const children: Node[] = [heading];
  if (extra.length > 0) children.push(create('ul', {}, extra));
  if (apiError.requestId !== undefined) {
    children.push(
      create('p', { className: 'hint' }, [
        'Request id ',
        create('code', { text: apiError.requestId }),
      ]),
    );
  }
  host.replaceChildren(...children);
  host.dataset.code = apiError.code;
  host.hidden = false;
}

/**
 * Hides an inline error.
 *
 * @example clearError(byId('users-error'))
 */
export function clearError(host: HTMLElement): void {
  host.hidden = true;
  host.replaceChildren();
  delete host.dataset.code;
}
