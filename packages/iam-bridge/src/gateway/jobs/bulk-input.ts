import { GatewayError } from '../errors.js';
import { groupNameSchema, policyArnSchema, userNameSchema } from '../routes/schemas.js';

/**
 * One line of a bulk job: create a user (no secrets: a background job cannot hand them
 * over, so access keys and login profiles are made with `POST /v1/users`) or delete one.
 *
 * @example
 * const item: BulkItemInput = { operation: 'create', userName: 'ana', groups: ['dev'] };
 */
export interface BulkItemInput {
  operation: 'create' | 'delete';
  userName: string;
  path?: string;
  permissionsBoundary?: string;
  tags?: Record<string, string>;
  groups?: string[];
  managedPolicies?: string[];
  force?: boolean;
}

/** The JSON Schema of one item. */
export const bulkItemSchema = {
  type: 'object',
  required: ['operation', 'userName'],
  additionalProperties: false,
  properties: {
    operation: { type: 'string', enum: ['create', 'delete'] },
    userName: userNameSchema,
    path: { type: 'string', pattern: '^/([\\x21-\\x7e]*/)?$', maxLength: 512 },
    permissionsBoundary: policyArnSchema,
    tags: { type: 'object', additionalProperties: { type: 'string' } },
    groups: { type: 'array', maxItems: 10, items: groupNameSchema },
    managedPolicies: { type: 'array', maxItems: 20, items: policyArnSchema },
    force: { type: 'boolean' },
  },
} as const;

/** Most items one job may hold. */
export const MAX_BULK_ITEMS = 10_000;

const CSV_COLUMNS = new Set([
  'operation',
  'userName',
  'path',
  'groups',
  'managedPolicies',
  'force',
]);
const USER_NAME = new RegExp(userNameSchema.pattern);

/**
 * Reads CSV text into items. The first line names the columns: `operation`, `userName`,
 * and optionally `path`, `groups` and `managedPolicies` (`;`-separated) and `force`.
 *
 * @throws GatewayError `ValidationError` naming the line and column at fault.
 * @example
 * parseBulkCsv('operation,userName\ncreate,ana\n') // [{ operation: 'create', userName: 'ana' }]
 */
export function parseBulkCsv(text: string): BulkItemInput[] {
  const rows = parseCsvRows(text).filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = rows.shift()?.map((name) => name.trim());
  if (!header || !header.includes('operation') || !header.includes('userName')) {
    throw refusal('the CSV header must name the columns operation and userName', 'body');
  }
  const unknown = header.filter((name) => !CSV_COLUMNS.has(name));
  if (unknown.length > 0) throw refusal(`unknown CSV columns: ${unknown.join(', ')}`, 'body');
  if (rows.length > MAX_BULK_ITEMS) throw refusal(`at most ${MAX_BULK_ITEMS} lines`, 'body');

  return rows.map((row, index) => {
    const line = index + 2;
    const cell = (name: string) => row[header.indexOf(name)]?.trim() ?? '';
    const operation = cell('operation');
    if (operation !== 'create' && operation !== 'delete') {
      throw refusal(`line ${line}: operation must be create or delete`, `line ${line}.operation`);
    }
    const userName = cell('userName');
    if (!USER_NAME.test(userName)) {
      throw refusal(
        `line ${line}: userName must be 1-64 of A-Za-z0-9+=,.@_-`,
        `line ${line}.userName`,
      );
    }
    const item: BulkItemInput = { operation, userName };
    const list = (name: string) =>
      cell(name)
        .split(';')
        .map((value) => value.trim())
        .filter(Boolean);
    if (cell('path')) item.path = cell('path');
    if (list('groups').length > 0) item.groups = list('groups');
    if (list('managedPolicies').length > 0) item.managedPolicies = list('managedPolicies');
    if (cell('force')) {
      if (!['true', 'false'].includes(cell('force'))) {
        throw refusal(`line ${line}: force must be true or false`, `line ${line}.force`);
      }
      item.force = cell('force') === 'true';
    }
    return item;
  });
}

function refusal(message: string, field: string): GatewayError {
  return new GatewayError('ValidationError', 400, message, { details: { field } });
}

// RFC 4180: quoted cells may hold commas, newlines and doubled quotes.
function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
