/**
 * The element with this id; the page is static, so a missing id is a build mistake.
 *
 * @example byId<HTMLInputElement>('url').value
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no element #${id}`);
  return found as T;
}

/** What `create` sets on a new element. */
export interface ElementSpec {
  className?: string;
  text?: string;
  attributes?: Record<string, string>;
}

/**
 * A new element with a class, text, attributes and children; text goes in as text, never as
 * HTML, since most of what the page shows was typed or pasted by someone.
 *
 * @example create('p', { className: 'hint', text: 'Inferred from the host' })
 */
export function create<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  spec: ElementSpec = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (spec.className !== undefined) node.className = spec.className;
  if (spec.text !== undefined) node.textContent = spec.text;
  for (const [name, value] of Object.entries(spec.attributes ?? {})) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/**
 * Says something to screen readers through the page's status line.
 *
 * @example announce('Copied the signature')
 */
export function announce(message: string): void {
  const status = byId('status');
  status.textContent = '';
  // A fresh text node after clearing makes screen readers read a repeated message again.
  window.setTimeout(() => (status.textContent = message), 30);
}
