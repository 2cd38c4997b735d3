import { announce, byId, create } from '../dom.js';
import { auditQuery, type AuditEntryView, type AuditFilterValues } from './audit-query.js';
import type { ConsoleContext } from './console-context.js';
import { clearError, showError } from './error-view.js';
import { formatTime } from './time-format.js';

const PAGE_SIZE = 50;

function readFilters(form: HTMLFormElement): AuditFilterValues {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  return {
    caller: text('caller'),
    action: text('action'),
    target: text('target'),
    outcome: text('outcome'),
    since: text('since'),
    until: text('until'),
  };
}

function entryRow(entry: AuditEntryView): HTMLTableRowElement {
  const outcome = create('span', {
    className: `outcome outcome-${entry.outcome}`,
    text: entry.outcome,
  });
  const status = [entry.status === undefined ? '' : String(entry.status), entry.errorCode ?? '']
    .filter((part) => part !== '')
    .join(' ');
  return create(
    'tr',
    { attributes: { 'data-action': entry.action, 'data-target': entry.target } },
    [
      create('td', { text: formatTime(entry.time) }),
      create('td', { text: entry.caller }),
      create('td', {}, [create('code', { text: entry.action })]),
      create('td', {}, [create('code', { text: entry.target })]),
      create('td', {}, [outcome]),
      create('td', { text: status || '–' }),
      create('td', {}, [create('code', { className: 'request-id', text: entry.requestId })]),
    ],
  );
}

/**
 * The audit log: filters by caller, action, target, outcome and time; newest first, a page
 * at a time.
 *
 * @example const audit = new AuditView(context); await audit.load();
 */
export class AuditView {
  readonly #context: ConsoleContext;
  readonly #form = byId<HTMLFormElement>('audit-filters');
  #nextCursor: string | undefined;

  constructor(context: ConsoleContext) {
    this.#context = context;
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    byId('audit-next').addEventListener('click', () => void this.load(this.#nextCursor));
    byId('audit-first').addEventListener('click', () => void this.load());
  }

  /** Loads a page of entries from `cursor` (the newest when left out). */
  async load(cursor?: string): Promise<void> {
    const error = byId('audit-error');
    const table = byId<HTMLTableElement>('audit-table');
    document.body.dataset.auditState = 'loading';
    try {
      const query = auditQuery(readFilters(this.#form), {
        limit: PAGE_SIZE,
        ...(cursor === undefined ? {} : { cursor }),
      });
      const page = await this.#context
        .api()
        .call<{ entries: AuditEntryView[]; nextCursor?: string | number }>(
          'GET',
          `/v1/audit?${query}`,
        );
      clearError(error);
      this.#nextCursor = page.nextCursor === undefined ? undefined : String(page.nextCursor);
      table.tBodies[0]!.replaceChildren(...page.entries.map(entryRow));
      table.hidden = page.entries.length === 0;
      byId('audit-empty').hidden = page.entries.length > 0;
      byId('audit-next').hidden = this.#nextCursor === undefined;
      byId('audit-first').hidden = cursor === undefined;
      announce(`${page.entries.length} audit entries shown`);
    } catch (failure) {
      showError(error, failure);
    }
    document.body.dataset.auditState = 'ready';
  }
}
