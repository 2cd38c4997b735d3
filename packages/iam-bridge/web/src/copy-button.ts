import { announce, create } from './dom.js';

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Pages opened from disk or without clipboard permission fall back to a selection copy.
    const area = create('textarea', { className: 'visually-hidden' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/**
 * A "Copy" button for one value, named after it for screen readers.
 *
 * @example row.append(copyButton('signature', explanation.signature))
 */
export function copyButton(label: string, text: string): HTMLButtonElement {
  const button = create('button', {
    className: 'copy',
    text: 'Copy',
    attributes: { type: 'button', 'aria-label': `Copy ${label}`, 'data-copy': label },
  });
  button.addEventListener('click', () => {
    void writeClipboard(text).then(() => {
      button.textContent = 'Copied';
      announce(`Copied ${label}`);
      window.setTimeout(() => (button.textContent = 'Copy'), 1500);
    });
  });
  return button;
}

/**
 * A labelled value block: the text in a `<pre>` (or the given rich content) and its copy button.
 *
 * @example host.replaceChildren(...copyable('signature', signature, { id: 'signature' }))
 */
export function copyable(
  label: string,
  text: string,
  options: { id?: string; content?: Node[] } = {},
): HTMLElement[] {
  const pre = create('pre', { attributes: { tabindex: '0', 'aria-label': label } });
  if (options.id !== undefined) pre.id = options.id;
  if (options.content !== undefined) pre.append(...options.content);
  else pre.textContent = text;
  return [pre, copyButton(label, text)];
}
