/**
 * A result as JSON would show it: `Date` as ISO 8601 text, `Uint8Array` as base64, the rest
 * unchanged.
 *
 * @example plainValue({ CreateDate: new Date(0) }) // { CreateDate: '1970-01-01T00:00:00.000Z' }
 */
export function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainValue(item)]));
  }
  return value;
}
