import { invalidInput } from './errors.js';

/**
 * The paging members of every IAM List action's input.
 *
 * @example
 * const paging: PagingInput = { MaxItems: 10, Marker: previous.Marker };
 */
export interface PagingInput {
  MaxItems?: number;
  Marker?: string;
}

/**
 * One page: the items, whether more remain, and the marker to ask for them.
 *
 * @example
 * const { items, IsTruncated, Marker } = page(rows, (row) => row.name_key, input);
 */
export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

/** AWS's default page size for IAM List actions. */
const defaultMaxItems = 100;

function encodeMarker(key: string): string {
  return Buffer.from(JSON.stringify({ after: key }), 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    const after = (parsed as { after?: unknown } | null)?.after;
    if (typeof after === 'string') return after;
  } catch {
    // falls through to the error below
  }
  throw invalidInput('Invalid Marker.');
}

/**
 * Cuts one page out of `items`, which must be sorted by `keyOf` ascending with unique keys.
 * The marker holds the last key returned, so items added or removed between calls never
 * cause a duplicate, and never a miss among items that stayed.
 *
 * @example
 * const first = page(users, (u) => u.key, { MaxItems: 2 });
 * const second = page(users, (u) => u.key, { MaxItems: 2, Marker: first.Marker });
 */
export function page<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  input: PagingInput,
): Page<T> {
  const maxItems = input.MaxItems ?? defaultMaxItems;
  let start = 0;

  if (input.Marker !== undefined) {
    const after = decodeMarker(input.Marker);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start === -1) start = items.length;
  }

  const selected = items.slice(start, start + maxItems);
  const isTruncated = start + maxItems < items.length;
  const last = selected[selected.length - 1];
  return {
    items: selected,
    IsTruncated: isTruncated,
    ...(isTruncated && last !== undefined ? { Marker: encodeMarker(keyOf(last)) } : {}),
  };
}

/**
 * A sort key that orders by name without regard to case, then by id, as AWS lists do.
 *
 * @example
 * nameSortKey('Alice', 'AIDA...'); // 'alice\u0000AIDA...'
 */
export function nameSortKey(name: string, id: string): string {
  return `${name.toLowerCase()}\u0000${id}`;
}
