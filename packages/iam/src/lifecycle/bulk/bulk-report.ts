import type { UserDependent } from '../user-dependent.js';

/**
 * Which bulk operation a run performs.
 *
 * @example
 * const operation: BulkOperation = 'delete';
 */
export type BulkOperation = 'create' | 'delete';

/**
 * What happened to one row. `created`/`deleted` were done by this run; `exists`,
 * `absent` and `already-done` needed nothing (the user matched, was gone, or an earlier
 * run's journal says it finished); `planned` is a dry run.
 *
 * @example
 * const status: BulkItemStatus = 'already-done';
 */
export type BulkItemStatus =
  'created' | 'deleted' | 'exists' | 'absent' | 'already-done' | 'planned' | 'failed' | 'bad-row';

/**
 * One row's outcome, as the CLI prints it (one JSON line per row). `password` and
 * `accessKey` appear only on the `created` event of the run that made them; `needsForce`
 * only on a planned delete, saying whether the user has something that blocks a delete
 * without force.
 *
 * @example
 * const event: BulkItemEvent = { line: 2, userName: 'ana', status: 'created' };
 */
export interface BulkItemEvent {
  line: number;
  userName?: string;
  status: BulkItemStatus;
  code?: string;
  message?: string;
  recovered?: boolean;
  steps?: string[];
  removed?: UserDependent[];
  needsForce?: boolean;
  password?: string;
  accessKey?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * A row in the final report.
 *
 * @example
 * const item: BulkReportItem = { line: 4, userName: 'ana', status: 'failed' };
 */
export interface BulkReportItem {
  line: number;
  userName?: string;
  status: BulkItemStatus;
  code?: string;
  message?: string;
}

/**
 * The final report of a bulk run: what this run did, what needed nothing, what failed
 * and why, and the malformed rows. `stoppedAtLine` is set, to the first malformed row's
 * line, when malformed rows stopped the run before any change (`onBadRow: 'fail'`). Holds
 * no secrets.
 *
 * @example
 * report.failed.map((item) => `${item.line} ${item.userName}: ${item.code}`);
 */
export interface BulkReport {
  operation: BulkOperation;
  dryRun: boolean;
  total: number;
  done: BulkReportItem[];
  alreadyDone: BulkReportItem[];
  failed: BulkReportItem[];
  badRows: BulkReportItem[];
  stoppedAtLine?: number;
  elapsedMs: number;
}

/**
 * Files an event under its heading of the report, leaving secrets out.
 *
 * @example
 * addToReport(report, { line: 2, userName: 'ana', status: 'created' });
 */
export function addToReport(report: BulkReport, event: BulkItemEvent): void {
  const item: BulkReportItem = { line: event.line, status: event.status };
  if (event.userName !== undefined) item.userName = event.userName;
  if (event.code !== undefined) item.code = event.code;
  if (event.message !== undefined) item.message = event.message;

  if (event.status === 'bad-row') report.badRows.push(item);
  else if (event.status === 'failed') report.failed.push(item);
  else if (['created', 'deleted', 'planned'].includes(event.status)) report.done.push(item);
  else report.alreadyDone.push(item);
}

/**
 * Whether a run ended with nothing failed or malformed.
 *
 * @example
 * process.exitCode = isCleanReport(report) ? 0 : 1;
 */
export function isCleanReport(report: BulkReport): boolean {
  return report.failed.length === 0 && report.badRows.length === 0;
}
