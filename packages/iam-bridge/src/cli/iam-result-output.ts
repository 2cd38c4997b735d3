import { plainValue } from '../plain-value.js';
import { formatTable, printJson, printLines, type OutputFormat } from './output.js';

type Write = (text: string) => void;

/**
 * Prints an IAM or STS result in the chosen format:
 * - `json`: the typed result, dates as ISO 8601 strings, binary values as base64;
 * - `table`: a list result (`Users`, `Tags`, `AccessKeyMetadata`, ...) as one row per item
 *   with a column per field; any other result as FIELD/VALUE rows (`User.UserName`);
 * - `text`: the same without header or padding, tab-separated, for `cut` and `read`.
 * A truncated list says so on stderr, naming the `Marker` to pass for the next page.
 *
 * @example
 * printActionResult({ Users: [{ UserName: 'ana', CreateDate: new Date() }] }, 'table');
 * // UserName  CreateDate
 * // ana       2024-05-01T10:00:00.000Z
 */
export function printActionResult(
  result: Record<string, unknown>,
  format: OutputFormat,
  write: Write = (text) => process.stdout.write(text),
  writeErr: Write = (text) => process.stderr.write(text),
): void {
  if (format === 'json') return printJson(plainValue(result), write);

  const listKey = Object.keys(result).find((key) => Array.isArray(result[key]));
  const [header, rows] =
    listKey === undefined
      ? [['FIELD', 'VALUE'], flatten(plainValue(result), '')]
      : itemRows(result[listKey] as unknown[], listKey);

  if (format === 'table') {
    if (rows.length > 0) write(formatTable(rows, header) + '\n');
  } else {
    printLines(
      rows.map((row) => row.join('\t')),
      write,
    );
  }
  if (listKey !== undefined && result.IsTruncated === true && typeof result.Marker === 'string') {
    writeErr(`more results: add Marker=${result.Marker}\n`);
  }
}

function itemRows(items: unknown[], listKey: string): [string[], string[][]] {
  const flatItems = items.map((item) => {
    const plain = plainValue(item);
    return typeof plain === 'object' && plain !== null
      ? new Map(flatten(plain, '') as [string, string][])
      : new Map([[listKey, cell(plain)]]);
  });
  const columns = [...new Set(flatItems.flatMap((item) => [...item.keys()]))];
  return [columns, flatItems.map((item) => columns.map((column) => item.get(column) ?? ''))];
}

function flatten(value: unknown, path: string): string[][] {
  if (Array.isArray(value)) {
    if (value.length === 0) return path === '' ? [] : [[path, '[]']];
    return value.flatMap((item, index) => flatten(item, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      flatten(item, path === '' ? key : `${path}.${key}`),
    );
  }
  return [[path, cell(value)]];
}

// A table cell stays on one line: a policy document's line breaks are shown as \n.
function cell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\r?\n/g, '\\n');
}
