import { utcFromLocalInput } from './time-format.js';

/** The audit filter form's values as typed. */
export interface AuditFilterValues {
  caller: string;
  action: string;
  target: string;
  outcome: string;
  since: string;
  until: string;
}

/** One entry of `GET /v1/audit`. */
export interface AuditEntryView {
  id: string;
  time: string;
  caller: string;
  action: string;
  target: string;
  requestId: string;
  outcome: string;
  status?: number;
  errorCode?: string;
  iamRequestId?: string;
}

/**
 * The query string of `GET /v1/audit` for the filters: empty fields left out, times read as
 * UTC and sent as ISO, then the page size and cursor.
 *
 * @example
 * auditQuery({ ...empty, action: 'CreateUser' }, { limit: 50 })
 * // 'action=CreateUser&limit=50'
 */
export function auditQuery(
  filters: AuditFilterValues,
  page: { limit: number; cursor?: string },
): string {
  const query = new URLSearchParams();
  for (const name of ['caller', 'action', 'target', 'outcome'] as const) {
    const value = filters[name].trim();
    if (value !== '') query.set(name, value);
  }
  for (const name of ['since', 'until'] as const) {
    const iso = utcFromLocalInput(filters[name]);
    if (iso !== undefined) query.set(name, iso);
  }
  query.set('limit', String(page.limit));
  if (page.cursor !== undefined) query.set('cursor', page.cursor);
  return query.toString();
}
