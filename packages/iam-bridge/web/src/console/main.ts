// Entry point of the gateway console: sign in with an API key, then the users, create and
// audit views. The page talks to this gateway's /v1 API only (its policy allows nothing else).
import { announce, byId } from '../dom.js';
import { GatewayApi } from './api-client.js';
import { AuditView } from './audit-view.js';
import type { ConsoleContext, ViewName } from './console-context.js';
import { CreateView } from './create-view.js';
import { clearError, showError } from './error-view.js';
import { showView } from './navigation.js';
import { forgetApiKey, publicKeyId, storeApiKey, storedApiKey } from './session.js';
import { UserDetailView } from './user-detail-view.js';
import { UsersView } from './users-view.js';

let api: GatewayApi | undefined;

function enterConsole(key: string): void {
  api = new GatewayApi(key);
  byId('key-id').textContent = publicKeyId(key);
  byId('sign-in').hidden = true;
  byId('console').hidden = false;
  document.body.dataset.signedIn = 'true';
}

function start(): void {
  let users: UsersView;
  let detail: UserDetailView;
  let audit: AuditView;
  const context: ConsoleContext = {
    api: () => {
      if (api === undefined) throw new Error('Not signed in.');
      return api;
    },
    showView: (view: ViewName) => showView(view),
    openUser: (userName) => detail.open(userName),
    backToUsers: async () => {
      showView('users');
      await users.reload();
    },
  };
  users = new UsersView(context);
  detail = new UserDetailView(context);
  audit = new AuditView(context);
  new CreateView(context);

  for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    tab.addEventListener('click', () => {
      const view = tab.dataset.view as ViewName;
      showView(view);
      if (view === 'users') void users.reload();
      if (view === 'audit') void audit.load();
    });
  }

  byId<HTMLFormElement>('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('api-key');
    const key = input.value.trim();
    const error = byId('sign-in-error');
    if (key === '') {
      showError(error, new Error('Paste an API key (iamb_...).'));
      input.focus();
      return;
    }
    // One cheap read proves the key before it is kept.
    void new GatewayApi(key).call('GET', '/v1/users?limit=1').then(
      () => {
        clearError(error);
        input.value = '';
        storeApiKey(key);
        enterConsole(key);
        showView('users');
        announce('Signed in');
        void users.search('');
      },
      (failure: unknown) => {
        showError(error, failure);
        input.focus();
      },
    );
  });

  byId('sign-out').addEventListener('click', () => {
    forgetApiKey();
    api = undefined;
    // A fresh page drops every secret and user detail still shown.
    window.location.reload();
  });

  const key = storedApiKey();
  if (key !== undefined) {
    enterConsole(key);
    showView('users', { focus: false });
    void users.search('');
  } else {
    byId('api-key').focus();
  }
  document.body.dataset.ready = 'true';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
