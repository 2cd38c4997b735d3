import { announce, byId, create } from '../dom.js';
import { ApiError, userPath } from './api-client.js';
import type { ConsoleContext } from './console-context.js';
import { deletedNotice, startDelete } from './delete-flow.js';
import { clearError, showError } from './error-view.js';
import { itemList, keyValueList } from './key-value-list.js';
import { showRotate } from './rotate-flow.js';
import { formatTime } from './time-format.js';
import {
  attachmentsInView,
  readUserAttachments,
  type UserAttachments,
} from './user-attachments.js';
import type { UserView } from './user-search.js';

/**
 * The detail view of one user: its facts and tags, groups, policies and access keys, and the
 * rotate and delete actions.
 *
 * @example const detail = new UserDetailView(context); await detail.open('ana');
 */
export class UserDetailView {
  readonly #context: ConsoleContext;
  #userName = '';

  constructor(context: ConsoleContext) {
    this.#context = context;
    byId('back-to-users').addEventListener('click', () => void context.backToUsers());
    byId('rotate-key').addEventListener('click', () => {
      byId('delete-panel').hidden = true;
      showRotate(context, this.#userName, byId('rotate-panel'), () => void this.#refresh());
    });
    byId('delete-user').addEventListener('click', () => {
      byId('rotate-panel').hidden = true;
      void startDelete(context, this.#userName, byId('delete-panel'), (removed) => {
        byId('user-actions').hidden = true;
        byId('user-details').replaceChildren(deletedNotice(this.#userName, removed));
        announce(`${this.#userName} was deleted`);
      });
    });
  }

  /** Loads and shows one user. */
  async open(userName: string): Promise<void> {
    this.#userName = userName;
    byId('user-title').textContent = `User ${userName}`;
    byId('user-details').replaceChildren();
    for (const id of ['rotate-panel', 'delete-panel', 'user-actions']) byId(id).hidden = true;
    byId('rotate-panel').replaceChildren();
    byId('delete-panel').replaceChildren();
    this.#context.showView('user');
    await this.#refresh();
  }

  async #refresh(): Promise<void> {
    const error = byId('user-error');
    document.body.dataset.userState = 'loading';
    try {
      const { user } = await this.#context
        .api()
        .call<{ user: UserView }>('GET', userPath(this.#userName));
      clearError(error);
      byId('user-details').replaceChildren(...factsOf(user), await this.#attachments(user));
      byId('user-actions').hidden = false;
    } catch (failure) {
      showError(error, failure);
    }
    document.body.dataset.userState = 'ready';
  }

  async #attachments(user: UserView): Promise<HTMLElement> {
    let attachments: UserAttachments | undefined = attachmentsInView(user);
    try {
      attachments ??= await readUserAttachments(this.#context.api(), user.userName);
    } catch (failure) {
      const note = create('div', { className: 'api-error', attributes: { role: 'note' } });
      showError(note, failure);
      if (failure instanceof ApiError && failure.code === 'Forbidden') {
        note.prepend(
          create('p', {
            text:
              'Groups, policies and access keys are read with IAM actions that need an ' +
              'admin key.',
          }),
        );
      }
      return note;
    }
    const keys = attachments.accessKeys.map((key) => {
      const created = key.createDate ? `, ${formatTime(key.createDate)}` : '';
      return `${key.accessKeyId} (${key.status}${created})`;
    });
    return create('div', { className: 'attachments' }, [
      itemList('Groups', attachments.groups, 'user-groups'),
      itemList('Managed policies', attachments.managedPolicies, 'user-managed-policies'),
      itemList('Inline policies', attachments.inlinePolicies, 'user-inline-policies'),
      itemList('Access keys', keys, 'user-access-keys'),
    ]);
  }
}

function factsOf(user: UserView): HTMLElement[] {
  const tags = Object.entries(user.tags ?? {}).map(([key, value]) => `${key}=${value}`);
  return [
    keyValueList([
      ['User name', user.userName],
      ['User id', user.userId],
      ['ARN', user.arn ? create('code', { text: user.arn }) : undefined],
      ['Path', user.path ? create('code', { text: user.path }) : undefined],
      ['Created (UTC)', formatTime(user.createDate)],
      ['Password last used', user.passwordLastUsed ? formatTime(user.passwordLastUsed) : undefined],
      ['Permissions boundary', user.permissionsBoundary],
    ]),
    itemList('Tags', tags, 'user-tags'),
  ];
}
