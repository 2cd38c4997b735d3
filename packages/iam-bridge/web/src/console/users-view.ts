import { announce, byId, create } from '../dom.js';
import type { ConsoleContext } from './console-context.js';
import { clearError, showError } from './error-view.js';
import { formatTime } from './time-format.js';
import { searchUsers, type UserPage } from './user-search.js';

const PAGE_SIZE = 20;

/**
 * The users list: search by name prefix, page forward, open a user.
 *
 * @example const users = new UsersView(context); await users.search('');
 */
export class UsersView {
  readonly #context: ConsoleContext;
  #prefix = '';
  #cursor: string | undefined;
  #nextCursor: string | undefined;

  constructor(context: ConsoleContext) {
    this.#context = context;
    byId<HTMLFormElement>('user-search').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search(byId<HTMLInputElement>('name-prefix').value);
    });
    byId('users-next').addEventListener('click', () => void this.#load(this.#nextCursor));
    byId('users-first').addEventListener('click', () => void this.#load(undefined));
  }

  /** Starts a new search from the first page. */
  search(prefix: string): Promise<void> {
    this.#prefix = prefix;
    return this.#load(undefined);
  }

  /** Reloads the page shown now. */
  reload(): Promise<void> {
    return this.#load(this.#cursor);
  }

  async #load(cursor: string | undefined): Promise<void> {
    const error = byId('users-error');
    const table = byId<HTMLTableElement>('user-table');
    document.body.dataset.usersState = 'loading';
    try {
      const api = this.#context.api();
      const result = await searchUsers((path) => api.call<UserPage>('GET', path), {
        prefix: this.#prefix,
        pageSize: PAGE_SIZE,
        ...(cursor === undefined ? {} : { cursor }),
      });
      clearError(error);
      this.#cursor = cursor;
      this.#nextCursor = result.nextCursor;

      const rows = result.users.map((user) => {
        const open = create('button', {
          className: 'link-button',
          text: user.userName,
          attributes: { type: 'button', 'data-user': user.userName },
        });
        open.addEventListener('click', () => void this.#context.openUser(user.userName));
        return create('tr', {}, [
          create('th', { attributes: { scope: 'row' } }, [open]),
          create('td', {}, [create('code', { text: user.path ?? '/' })]),
          create('td', { text: formatTime(user.createDate) }),
        ]);
      });
      table.tBodies[0]!.replaceChildren(...rows);
      const filter = this.#prefix.trim() === '' ? '' : ` starting with "${this.#prefix.trim()}"`;
      const counted = `${rows.length} user${rows.length === 1 ? '' : 's'}`;
      byId('user-table-caption').textContent = `${counted}${filter}`;
      table.hidden = rows.length === 0;
      byId('users-empty').hidden = rows.length > 0;
      byId('users-next').hidden = result.nextCursor === undefined;
      byId('users-first').hidden = cursor === undefined;
      announce(`${counted} shown`);
    } catch (failure) {
      showError(error, failure);
    }
    document.body.dataset.usersState = 'ready';
  }
}
