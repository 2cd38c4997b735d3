import { byId } from '../dom.js';
import type { ViewName } from './console-context.js';

const SECTIONS: Record<ViewName, string> = {
  users: 'users-view',
  user: 'user-view',
  create: 'create-view',
  audit: 'audit-view',
};

// The detail view belongs to the Users tab.
const TAB_OF: Record<ViewName, string> = {
  users: 'users',
  user: 'users',
  create: 'create',
  audit: 'audit',
};

/**
 * Shows one view and hides the others; marks its tab as current and moves focus to the
 * view's heading so keyboard and screen reader users land on it.
 *
 * @example showView('audit')
 */
export function showView(view: ViewName, options: { focus?: boolean } = {}): void {
  for (const [name, id] of Object.entries(SECTIONS)) byId(id).hidden = name !== view;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    if (tab.dataset.view === TAB_OF[view]) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  document.body.dataset.view = view;
  if (options.focus !== false) {
    const heading = byId(SECTIONS[view]).querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }
}
