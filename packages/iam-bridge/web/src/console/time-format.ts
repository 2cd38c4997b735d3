/**
 * An ISO time as `YYYY-MM-DD HH:MM:SS` UTC, or a dash.
 *
 * @example formatTime('2026-01-02T03:04:05.000Z') // '2026-01-02 03:04:05'
 */
export function formatTime(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A `datetime-local` value, read as UTC, as an ISO time; undefined when empty or unreadable.
 *
 * @example utcFromLocalInput('2026-01-02T03:04') // '2026-01-02T03:04:00.000Z'
 */
export function utcFromLocalInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const date = new Date(`${value}${value.length === 16 ? ':00' : ''}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
