import { parseBulkFile, type BulkRow, type UserSpec } from '@iam-bridge/iam';

import { GatewayError } from '../errors.js';

/** Most rows one job may hold. */
export const MAX_BULK_ITEMS = 10_000;

/**
 * Reads a submitted job into the lifecycle's bulk rows: CSV text (the lifecycle's columns:
 * `userName`, `path`, `groups`, `policies`, `tags`, `permissionsBoundary`) or a JSON array
 * of user specs. Rows asking for an access key or a password are refused: a background
 * job cannot hand secrets to anyone, so those users are made with `POST /v1/users`.
 *
 * @throws GatewayError `ValidationError` (400) naming the line at fault.
 * @example
 * readBulkSubmission('userName,groups\nana,dev\n') // [{ line: 2, spec: { userName: 'ana', ... } }]
 */
export function readBulkSubmission(body: string | UserSpec[]): BulkRow[] {
  let rows: BulkRow[];
  try {
    rows =
      typeof body === 'string'
        ? parseBulkFile(body, 'csv')
        : parseBulkFile(JSON.stringify(body), 'json');
  } catch (error) {
    throw new GatewayError('ValidationError', 400, (error as Error).message, {
      details: { field: 'body' },
    });
  }
  if (rows.length === 0) {
    throw new GatewayError('ValidationError', 400, 'The job has no rows.', {
      details: { field: 'body' },
    });
  }
  if (rows.length > MAX_BULK_ITEMS) {
    throw new GatewayError('ValidationError', 400, `A job holds at most ${MAX_BULK_ITEMS} rows.`, {
      details: { field: 'body' },
    });
  }
  // A JSON array's rows are numbered by item (the first is 1), a CSV file's by line.
  const where = (row: BulkRow) =>
    typeof body === 'string' ? `line ${row.line}` : `item ${row.line}`;
  for (const row of rows) {
    if (row.error) {
      throw new GatewayError('ValidationError', 400, `${where(row)}: ${row.error}`, {
        details: { field: where(row) },
      });
    }
    if (row.spec?.accessKey || (row.spec?.loginProfile ?? false) !== false) {
      throw new GatewayError(
        'ValidationError',
        400,
        `${where(row)}: bulk jobs cannot create access keys or passwords (nobody could ` +
          'receive the secrets); create such users with POST /v1/users',
        { details: { field: where(row) } },
      );
    }
  }
  return rows;
}
