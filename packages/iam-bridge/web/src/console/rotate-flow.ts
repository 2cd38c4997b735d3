import { create } from '../dom.js';
import { newIdempotencyKey, userPath } from './api-client.js';
import type { ConsoleContext } from './console-context.js';
import { showError } from './error-view.js';
import { secretsPanel } from './secrets-panel.js';

interface RotateAnswer {
  userName: string;
  newAccessKey?: { accessKeyId: string; secretAccessKey: string };
  oldAccessKeyId?: string;
  oldKey: 'kept' | 'deactivated' | 'deleted' | 'none';
}

const OLD_KEY_CHOICES = [
  ['kept', 'Keep the old key active'],
  ['deactivated', 'Deactivate the old key'],
  ['deleted', 'Delete the old key'],
] as const;

/**
 * The rotation form in `panel`: what to do with the old key, then the new key's secret shown
 * once.
 *
 * @example showRotate(context, 'ana', byId('rotate-panel'), () => view.reload());
 */
export function showRotate(
  context: ConsoleContext,
  userName: string,
  panel: HTMLElement,
  onRotated: () => void,
): void {
  const heading = create('h3', {
    text: `Rotate the access key of ${userName}`,
    attributes: { tabindex: '-1', id: 'rotate-title' },
  });
  const options = OLD_KEY_CHOICES.map(([value, text], index) =>
    create('label', { className: 'inline' }, [
      create('input', {
        attributes: {
          type: 'radio',
          name: 'old-key',
          value,
          ...(index === 0 ? { checked: '' } : {}),
        },
      }),
      ` ${text}`,
    ]),
  );
  const choices = create('fieldset', {}, [create('legend', { text: 'The old key' }), ...options]);
  const run = create('button', {
    className: 'primary',
    text: 'Create the new key',
    attributes: { type: 'submit' },
  });
  const error = create('div', { className: 'api-error', attributes: { role: 'alert' } });
  error.hidden = true;
  const result = create('div');
  const form = create(
    'form',
    { attributes: { novalidate: '', 'aria-labelledby': 'rotate-title' } },
    [heading, choices, create('div', { className: 'form-actions' }, [run]), error],
  );
  panel.hidden = false;
  panel.replaceChildren(form, result);
  heading.focus();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const old = new FormData(form).get('old-key');
    const body = {
      ...(old === 'deactivated' || old === 'deleted' ? { deactivateOld: true } : {}),
      ...(old === 'deleted' ? { deleteOldAfter: true } : {}),
    };
    run.disabled = true;
    void context
      .api()
      .call<RotateAnswer>('POST', userPath(userName, '/access-keys/rotate'), {
        body,
        idempotencyKey: newIdempotencyKey(),
      })
      .then(
        (answer) => {
          form.remove();
          result.replaceChildren(rotatedView(answer));
          result.querySelector<HTMLElement>('h3')?.focus();
          onRotated();
        },
        (failure: unknown) => showError(error, failure),
      )
      .finally(() => (run.disabled = false));
  });
}

function rotatedView(answer: RotateAnswer): HTMLElement {
  const key = answer.newAccessKey;
  const oldLine =
    answer.oldAccessKeyId === undefined
      ? 'The user had no access key before.'
      : `Old key ${answer.oldAccessKeyId}: ${answer.oldKey}.`;
  if (key === undefined) return create('p', { text: oldLine });
  const panel = secretsPanel(`New access key for ${answer.userName}`, [
    { label: 'Access key id', value: key.accessKeyId, name: 'accessKeyId' },
    { label: 'Secret access key', value: key.secretAccessKey, name: 'secretAccessKey' },
  ]);
  panel.append(create('p', { className: 'hint', text: oldLine }));
  return panel;
}
