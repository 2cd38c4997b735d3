import { LifecycleError } from '../lifecycle-error.js';
import { normalizeUserSpec, type UserSpec } from '../user-spec.js';
import { parseCsv } from './csv.js';

/**
 * One row of a bulk input file: its line (for JSON arrays, the 1-based position in the
 * array), and either the user spec it asks for or why it is malformed.
 *
 * @example
 * const row: BulkRow = { line: 2, spec: { userName: 'ana' } };
 */
export interface BulkRow {
  line: number;
  spec?: UserSpec;
  error?: string;
}

/**
 * Input file formats: CSV with a header row, a JSON array, or JSON Lines.
 *
 * @example
 * const format: BulkFileFormat = formatOfFile('users.jsonl'); // 'jsonl'
 */
export type BulkFileFormat = 'csv' | 'json' | 'jsonl';

/**
 * The CSV columns, as the header row names them; only `userName` is required.
 *
 * @example
 * CSV_COLUMNS.join(','); // 'userName,path,groups,policies,tags,password,accessKey,...'
 */
export const CSV_COLUMNS = [
  'userName',
  'path',
  'groups',
  'policies',
  'tags',
  'password',
  'accessKey',
  'permissionsBoundary',
] as const;

/**
 * Picks the format from a file name: `.csv`, `.jsonl`/`.ndjson`, else JSON.
 *
 * @example
 * formatOfFile('users.csv'); // 'csv'
 */
export function formatOfFile(fileName: string): BulkFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return 'json';
}

/**
 * Reads a bulk input file into rows. Each row is checked on its own, so a malformed row
 * is reported with its line and never hides the rows around it; a user named twice
 * (IAM names ignore case) makes the later row malformed. CSV columns: `userName`, `path`,
 * `groups` (`;`-separated), `policies` (ARNs, `;`-separated), `tags` (`k=v;k=v`),
 * `password` (a password, `generate`, or empty for no console access), `accessKey`
 * (`true`/`false`), `permissionsBoundary`. JSON rows are `UserSpec` objects.
 *
 * @throws LifecycleError `InvalidUserSpec` when the file as a whole cannot be read (no
 *   header, unknown columns, JSON that is no array).
 * @example
 * const rows = parseBulkFile('userName,groups\nana,dev;ops\n', 'csv');
 * // [{ line: 2, spec: { userName: 'ana', groups: ['dev', 'ops'] } }]
 */
export function parseBulkFile(text: string, format: BulkFileFormat): BulkRow[] {
  const rows = format === 'csv' ? csvRows(text) : jsonRows(text, format);
  // A JSON array's rows are its items; CSV and JSON Lines rows are lines of the file.
  const unit = format === 'json' ? 'item' : 'line';
  const seen = new Map<string, number>();
  return rows.map((row) => {
    if (!row.spec) return row;
    try {
      normalizeUserSpec(row.spec);
    } catch (error) {
      return { line: row.line, error: (error as Error).message };
    }
    const key = row.spec.userName.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      return {
        line: row.line,
        error: `user ${row.spec.userName} is already on ${unit} ${first}`,
      };
    }
    seen.set(key, row.line);
    return row;
  });
}

function csvRows(text: string): BulkRow[] {
  const [header, ...records] = parseCsv(text);
  if (!header || header.error) throw fileError('the CSV file has no readable header row');
  // Column names as spreadsheets write them: any case (UserName, USERNAME) is the column.
  const byLowerCase = new Map<string, string>(
    CSV_COLUMNS.map((name) => [name.toLowerCase(), name]),
  );
  const given = header.fields.map((name) => name.trim());
  const columns = given.map((name) => byLowerCase.get(name.toLowerCase()) ?? name);
  const repeated = columns.find((name, index) => columns.indexOf(name) !== index);
  if (repeated !== undefined) throw fileError(`the CSV column ${repeated} is named twice`);
  const unknown = columns.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) throw fileError(`unknown CSV columns: ${unknown.join(', ')}`);
  if (!columns.includes('userName')) throw fileError('the CSV header has no userName column');

  return records.map((record): BulkRow => {
    if (record.error) return { line: record.line, error: record.error };
    if (record.fields.length !== columns.length) {
      const count = record.fields.length;
      return { line: record.line, error: `${count} fields, the header has ${columns.length}` };
    }
    const cells = Object.fromEntries(columns.map((name, i) => [name, record.fields[i].trim()]));
    try {
      return { line: record.line, spec: specOfCells(cells) };
    } catch (error) {
      return { line: record.line, error: (error as Error).message };
    }
  });
}

function specOfCells(cells: Record<string, string>): UserSpec {
  const list = (cell: string | undefined) =>
    (cell ?? '')
      .split(';')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const spec: UserSpec = { userName: cells.userName ?? '' };
  if (cells.path) spec.path = cells.path;
  if (cells.permissionsBoundary) spec.permissionsBoundary = cells.permissionsBoundary;
  const groups = list(cells.groups);
  if (groups.length > 0) spec.groups = groups;
  const policies = list(cells.policies);
  if (policies.length > 0) spec.managedPolicies = policies;

  const tags = list(cells.tags);
  if (tags.length > 0) {
    spec.tags = tags.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new Error(`tag ${JSON.stringify(pair)} is not key=value`);
      return { Key: pair.slice(0, equals).trim(), Value: pair.slice(equals + 1).trim() };
    });
  }
  if (cells.password) {
    spec.loginProfile = cells.password === 'generate' ? {} : { password: cells.password };
  }
  const accessKey = (cells.accessKey ?? '').toLowerCase();
  if (['true', 'yes', '1'].includes(accessKey)) spec.accessKey = true;
  else if (!['', 'false', 'no', '0'].includes(accessKey)) {
    throw new Error(`accessKey ${JSON.stringify(cells.accessKey)} is not true or false`);
  }
  return spec;
}

function jsonRows(text: string, format: 'json' | 'jsonl'): BulkRow[] {
  if (format === 'jsonl') {
    return text.split('\n').flatMap((lineText, index): BulkRow[] => {
      if (lineText.trim() === '') return [];
      return [jsonRow(index + 1, () => JSON.parse(lineText))];
    });
  }
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw fileError(`the JSON file cannot be parsed: ${(error as Error).message}`);
  }
  if (!Array.isArray(items)) throw fileError('the JSON file must hold an array of users');
  return items.map((item, index) => jsonRow(index + 1, () => item));
}

function jsonRow(line: number, read: () => unknown): BulkRow {
  try {
    const value = read();
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { line, error: 'not a JSON object' };
    }
    return { line, spec: value as UserSpec };
  } catch (error) {
    return { line, error: `not JSON: ${(error as Error).message}` };
  }
}

function fileError(message: string): LifecycleError {
  return new LifecycleError({ code: 'InvalidUserSpec', message });
}
