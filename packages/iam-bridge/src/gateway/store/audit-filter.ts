import type { AuditFilter } from './store.js';

/**
 * The WHERE clause and values of an audit query; `placeholder(n)` writes the n-th
 * parameter as the database wants it (`?` for SQLite, `$n` for PostgreSQL).
 *
 * @example
 * auditWhere({ action: 'DeleteUser', limit: 10 }, (n) => `$${n}`);
 * // { where: 'WHERE action = $1', values: ['DeleteUser'] }
 */
export function auditWhere(
  filter: AuditFilter,
  placeholder: (n: number) => string,
): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return placeholder(values.length);
  };
  if (filter.caller !== undefined) {
    // A caller is `key:<id> (<name>)`: the whole, `key:<id>`, the id as `keys create` prints
    // it, or the name alone names it.
    const c = () => param(filter.caller);
    clauses.push(
      `(caller = ${c()} OR substr(caller, 1, length(${c()}) + 2) = ${c()} || ' (' ` +
        `OR substr(caller, 1, length(${c()}) + 6) = 'key:' || ${c()} || ' (' ` +
        `OR substr(caller, length(caller) - length(${c()}) - 2) = ' (' || ${c()} || ')')`,
    );
  }
  if (filter.action !== undefined) clauses.push(`action = ${param(filter.action)}`);
  if (filter.target !== undefined && filter.target.includes('/')) {
    clauses.push(`target = ${param(filter.target)}`);
  } else if (filter.target !== undefined) {
    // A bare name (`ana`) matches it as any kind of target: user/ana, group/ana.
    const t = () => param(filter.target);
    clauses.push(`substr(target, length(target) - length(${t()})) = '/' || ${t()}`);
  }
  if (filter.outcome !== undefined) clauses.push(`outcome = ${param(filter.outcome)}`);
  if (filter.since !== undefined) clauses.push(`time >= ${param(filter.since)}`);
  if (filter.until !== undefined) clauses.push(`time < ${param(filter.until)}`);
  if (filter.cursor !== undefined) clauses.push(`id < ${param(Number(filter.cursor))}`);
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}
