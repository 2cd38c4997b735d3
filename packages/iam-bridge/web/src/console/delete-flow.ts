import { announce, create } from '../dom.js';
import { newIdempotencyKey, userPath } from './api-client.js';
import type { ConsoleContext } from './console-context.js';
import { dependentLabel, type Dependent } from './dependent-labels.js';
import { showError } from './error-view.js';

interface DeleteAnswer {
  status: 'planned' | 'deleted';
  userName: string;
  removed: Dependent[];
}

function dependentList(items: Dependent[], id: string): HTMLUListElement {
  return create(
    'ul',
    { className: 'dependents', attributes: { id } },
    items.map((item) =>
      create('li', { attributes: { 'data-kind': item.kind, 'data-id': item.id } }, [
        dependentLabel(item),
      ]),
    ),
  );
}

/**
 * The forced delete of a user in three steps: a dry run lists everything that will be
 * removed, the person confirms that list, then the delete runs with `force=true`.
 *
 * @example await startDelete(context, 'ana', byId('delete-panel'), onDeleted);
 */
export async function startDelete(
  context: ConsoleContext,
  userName: string,
  panel: HTMLElement,
  onDeleted: (removed: Dependent[]) => void,
): Promise<void> {
  const error = create('div', { className: 'api-error', attributes: { role: 'alert' } });
  error.hidden = true;
  panel.hidden = false;
  panel.replaceChildren(create('p', { text: `Checking what deleting ${userName} removes…` }));

  let plan: DeleteAnswer;
  try {
    plan = await context
      .api()
      .call<DeleteAnswer>('DELETE', userPath(userName, '?force=true&dryRun=true'));
  } catch (failure) {
    panel.replaceChildren(error);
    showError(error, failure);
    return;
  }

  const heading = create('h3', {
    text: `Delete ${plan.userName}?`,
    attributes: { tabindex: '-1', id: 'delete-title' },
  });
  const others = plan.removed.filter((item) => item.kind !== 'user');
  const summary = create('p', {
    text:
      others.length === 0
        ? `Nothing is attached to ${plan.userName}; only the user will be deleted.`
        : `Deleting removes these ${others.length} items first, then the user. ` +
          'This cannot be undone.',
  });
  const confirm = create('button', {
    className: 'danger',
    text: `Delete ${plan.userName} and everything listed`,
    attributes: { type: 'button', 'data-action': 'confirm-delete' },
  });
  const cancel = create('button', {
    text: 'Cancel',
    attributes: { type: 'button', 'data-action': 'cancel-delete' },
  });
  panel.replaceChildren(
    create('section', { className: 'confirm', attributes: { 'aria-labelledby': 'delete-title' } }, [
      heading,
      summary,
      dependentList(plan.removed, 'delete-preview'),
      create('div', { className: 'form-actions' }, [confirm, cancel]),
      error,
    ]),
  );
  heading.focus();

  cancel.addEventListener('click', () => {
    panel.hidden = true;
    panel.replaceChildren();
    announce('Delete cancelled');
  });
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    void context
      .api()
      .call<DeleteAnswer>('DELETE', userPath(userName, '?force=true'), {
        idempotencyKey: newIdempotencyKey(),
      })
      .then(
        (result) => {
          panel.hidden = true;
          panel.replaceChildren();
          onDeleted(result.removed);
        },
        (failure: unknown) => {
          confirm.disabled = false;
          showError(error, failure);
        },
      );
  });
}

/**
 * What the detail view shows after a delete: the user is gone and what was removed.
 *
 * @example host.replaceChildren(deletedNotice('ana', result.removed));
 */
export function deletedNotice(userName: string, removed: Dependent[]): HTMLElement {
  return create('div', { className: 'done', attributes: { role: 'status', id: 'deleted' } }, [
    create('p', {}, [create('strong', { text: `${userName} was deleted.` }), ' Removed:']),
    dependentList(removed, 'deleted-items'),
  ]);
}
