import { copyable } from '../copy-button.js';
import { announce, create } from '../dom.js';

/** One secret to show: what it is and its value. */
export interface ShownSecret {
  label: string;
  value: string;
  /** Marks the value's `<pre>` for tests and styles. */
  name: string;
}

/**
 * A panel showing secrets the gateway returns once (a password, a secret access key), each
 * with a copy button, a "shown once" warning, and a button that removes them from the page.
 *
 * @example
 * host.replaceChildren(secretsPanel('Access key for ana', [
 *   { label: 'Secret access key', value: secret, name: 'secretAccessKey' },
 * ]));
 */
export function secretsPanel(title: string, secrets: ShownSecret[]): HTMLElement {
  const heading = create('h3', { text: title, attributes: { tabindex: '-1' } });
  const note = create('p', { className: 'shown-once', attributes: { role: 'note' } }, [
    create('strong', { text: 'Shown once. ' }),
    'Copy these now: the gateway does not store them and cannot show them again.',
  ]);
  const blocks = secrets.map((secret) => {
    const [pre, button] = copyable(secret.label, secret.value);
    pre!.dataset.secret = secret.name;
    return create('div', { className: 'copyable' }, [
      create('h4', { text: secret.label }),
      pre!,
      button!,
    ]);
  });
  const done = create('button', {
    text: 'I have saved them: hide',
    attributes: { type: 'button', 'data-action': 'hide-secrets' },
  });
  const panel = create('section', { className: 'secrets', attributes: { 'aria-label': title } }, [
    heading,
    note,
    ...blocks,
    create('div', { className: 'form-actions' }, [done]),
  ]);
  done.addEventListener('click', () => {
    panel.replaceChildren(create('p', { text: 'The secrets were removed from this page.' }));
    announce('Secrets hidden');
  });
  return panel;
}
