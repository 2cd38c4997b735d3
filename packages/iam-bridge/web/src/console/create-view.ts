import { announce, byId, create } from '../dom.js';
import { newIdempotencyKey } from './api-client.js';
import type { ConsoleContext } from './console-context.js';
import { clearError, showError } from './error-view.js';
import { secretsPanel, type ShownSecret } from './secrets-panel.js';
import {
  readUserSpec,
  type CreateFormValues,
  type FieldProblem,
  type UserSpecBody,
} from './user-spec-form.js';

interface CreateAnswer {
  status: 'created' | 'exists';
  userName: string;
  steps: string[];
  password?: string;
  accessKey?: { accessKeyId: string; secretAccessKey: string };
}

const FIELD_IDS: Record<string, string> = {
  userName: 'create-userName',
  path: 'create-path',
  groups: 'create-groups',
  managedPolicies: 'create-managedPolicies',
  tags: 'create-tags',
  givenPassword: 'create-password',
};

function readValues(form: HTMLFormElement): CreateFormValues {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  return {
    userName: text('userName'),
    path: text('path'),
    groups: text('groups'),
    managedPolicies: text('managedPolicies'),
    tags: text('tags'),
    password: (text('password') || 'none') as CreateFormValues['password'],
    givenPassword: text('givenPassword'),
    passwordResetRequired: data.get('passwordResetRequired') !== null,
    accessKey: data.get('accessKey') !== null,
  };
}

function showProblems(problems: FieldProblem[]): void {
  for (const [field, id] of Object.entries(FIELD_IDS)) {
    const problem = problems.find((item) => item.field === field);
    const input = byId(id);
    const message = byId(`${id}-error`);
    message.hidden = problem === undefined;
    message.textContent = problem?.message ?? '';
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  const first = problems[0];
  if (first) byId(FIELD_IDS[first.field]!).focus();
}

/**
 * The create form: the lifecycle options, checked in the page, sent to `POST /v1/users`; the
 * password and secret access key it answers with are shown once.
 *
 * @example new CreateView(context);
 */
export class CreateView {
  readonly #context: ConsoleContext;

  constructor(context: ConsoleContext) {
    this.#context = context;
    const form = byId<HTMLFormElement>('create-form');
    form.addEventListener('change', () => {
      const given = new FormData(form).get('password') === 'given';
      byId<HTMLInputElement>('create-password').disabled = !given;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const { spec, problems } = readUserSpec(readValues(form));
      showProblems(problems);
      if (spec) void this.#create(form, spec);
    });
  }

  async #create(form: HTMLFormElement, spec: UserSpecBody): Promise<void> {
    const error = byId('create-error');
    const result = byId('create-result');
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.disabled = true;
    document.body.dataset.createState = 'sending';
    try {
      const answer = await this.#context.api().call<CreateAnswer>('POST', '/v1/users', {
        body: spec,
        idempotencyKey: newIdempotencyKey(),
      });
      clearError(error);
      form.reset();
      byId<HTMLInputElement>('create-password').disabled = true;
      result.replaceChildren(...this.#resultView(answer));
      result.hidden = false;
      result.querySelector<HTMLElement>('h3')?.focus();
      announce(`User ${answer.userName} ${answer.status}`);
    } catch (failure) {
      showError(error, failure);
    }
    submit.disabled = false;
    document.body.dataset.createState = 'done';
  }

  #resultView(answer: CreateAnswer): HTMLElement[] {
    const open = create('button', {
      text: `Open ${answer.userName}`,
      attributes: { type: 'button', 'data-action': 'open-created' },
    });
    open.addEventListener('click', () => void this.#context.openUser(answer.userName));
    const summary = create('div', { className: 'done', attributes: { id: 'created' } }, [
      create('h3', {
        text:
          answer.status === 'created'
            ? `Created ${answer.userName}`
            : `${answer.userName} already exists as specified`,
        attributes: { tabindex: '-1' },
      }),
      create(
        'ul',
        {},
        answer.steps.map((step) => create('li', { text: step })),
      ),
      create('div', { className: 'form-actions' }, [open]),
    ]);

    const secrets: ShownSecret[] = [];
    if (answer.password !== undefined) {
      secrets.push({ label: 'Console password', value: answer.password, name: 'password' });
    }
    if (answer.accessKey) {
      secrets.push(
        { label: 'Access key id', value: answer.accessKey.accessKeyId, name: 'accessKeyId' },
        {
          label: 'Secret access key',
          value: answer.accessKey.secretAccessKey,
          name: 'secretAccessKey',
        },
      );
    }
    if (secrets.length === 0) return [summary];
    return [summary, secretsPanel(`Secrets of ${answer.userName}`, secrets)];
  }
}
