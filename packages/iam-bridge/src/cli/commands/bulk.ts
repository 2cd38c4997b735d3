import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  DEFAULT_IAM_RATE,
  formatOfFile,
  isCleanReport,
  openJournal,
  parseBulkFile,
  rateLimited,
  runBulk,
  TokenBucket,
  type BulkItemEvent,
  type BulkOperation,
  type BulkReport,
  type Journal,
} from '@iam-bridge/iam';
import { CliError, EXIT_REFUSED, EXIT_USAGE, usageError } from '../cli-error.js';
import { formatTable } from '../output.js';
import { addIamOptions, type IamCommandFlags } from '../iam-options.js';
import { lifecycleAction, lifecycleClient } from './users.js';

interface BulkFlags extends IamCommandFlags {
  file: string;
  concurrency: string;
  rate: string;
  force?: boolean;
  dryRun?: boolean;
  journal?: string | false;
  onBadRow: 'skip' | 'fail';
  progress?: boolean;
}

/**
 * Registers `iam-bridge bulk create|delete --file users.csv|users.json|users.jsonl`.
 * Requests are paced by a token bucket (`--rate`, default 10 per second), throttled
 * calls are retried by the client, and every row is journaled (`--journal`, default
 * `<file>.journal`) so that a killed run started again finishes the job without
 * duplicates. On a terminal a progress bar is drawn on stderr; otherwise each row is one
 * JSON line on stdout. The last line is the report; the exit code is 1 when any row
 * failed or was malformed, 2 when `--on-bad-row fail` found malformed rows and changed
 * nothing.
 *
 * @example
 * registerBulk(program);
 * // iam-bridge bulk create --file users.csv --concurrency 8 --rate 10 > created.jsonl
 * // iam-bridge bulk delete --file users.csv --force --dry-run
 */
export function registerBulk(program: Command): void {
  const bulk = program.command('bulk').description('create or delete many users from a file');
  for (const operation of ['create', 'delete'] as const) {
    const command = addIamOptions(
      bulk.command(operation).description(`${operation} the users listed in a file`),
    )
      .requiredOption('--file <path>', 'users.csv (header row), users.json (array) or .jsonl')
      .option('--concurrency <n>', 'rows worked on at once', '4')
      .option('--rate <tps>', 'IAM requests per second at most', String(DEFAULT_IAM_RATE))
      .option('--journal <path>', 'resumable record of the run (default <file>.journal)')
      .option('--no-journal', 'keep no journal: a killed run cannot be resumed')
      .addOption(
        new Option(
          '--on-bad-row <mode>',
          'skip malformed rows, or fail: change nothing if any row is malformed (exit 2)',
        )
          .choices(['skip', 'fail'])
          .default('skip'),
      )
      .option('--dry-run', 'report what would be done without changing anything')
      .option('--no-progress', 'never draw a progress bar, even on a terminal');
    if (operation === 'delete') command.option('--force', 'remove what blocks each delete first');
    command.action(lifecycleAction((flags: BulkFlags) => runBulkCommand(operation, flags)));
  }
}

async function runBulkCommand(operation: BulkOperation, flags: BulkFlags): Promise<void> {
  const concurrency = positive(flags.concurrency, '--concurrency');
  const rate = positive(flags.rate, '--rate');
  let text: string;
  try {
    text = readFileSync(flags.file, 'utf8');
  } catch (error) {
    throw usageError('UsageError', `cannot read --file ${flags.file}: ${(error as Error).message}`);
  }
  const format = formatOfFile(flags.file);
  const rows = parseBulkFile(text, format);

  const journalPath =
    flags.journal === false ? undefined : (flags.journal ?? `${flags.file}.journal`);
  const journal: Journal | undefined =
    journalPath === undefined || flags.dryRun ? undefined : await openJournal(journalPath);
  // Throttling is expected in a bulk run: allow more retries than a single command does.
  const client = await lifecycleClient({ ...flags, maxAttempts: flags.maxAttempts ?? '10' });
  const caller = rateLimited(client, new TokenBucket(rate));
  const bar =
    flags.progress !== false && process.stdout.isTTY === true && !flags.json && !flags.output;
  const output = itemOutput(rows.length, bar);

  const abort = new AbortController();
  const onSignal = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  let report: BulkReport;
  try {
    report = await runBulk(caller, {
      operation,
      rows,
      concurrency,
      onBadRow: flags.onBadRow,
      force: flags.force === true,
      dryRun: flags.dryRun === true,
      signal: abort.signal,
      onItem: output.item,
      ...(journal ? { journal } : {}),
    });
  } finally {
    process.removeListener('SIGINT', onSignal);
    await journal?.close();
  }
  output.finish(report);
  if (report.stoppedAtLine !== undefined) {
    throw new CliError(
      'BulkInputInvalid',
      `${report.badRows.length} malformed row(s), the first ` +
        `${format === 'json' ? 'item' : 'on line'} ${report.stoppedAtLine}; ` +
        'with --on-bad-row fail nothing was changed',
      EXIT_USAGE,
    );
  }
  if (!isCleanReport(report)) {
    const failed = report.failed.length + report.badRows.length;
    throw new CliError(
      'BulkIncomplete',
      `${failed} of ${report.total} rows failed or were malformed`,
      EXIT_REFUSED,
    );
  }
}

// One JSON line per row off a terminal; on a terminal a progress bar on stderr, with rows
// that carry secrets or failures printed above it.
function itemOutput(total: number, tty: boolean) {
  let finished = 0;
  const counts = { ok: 0, failed: 0 };
  const drawBar = () => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((finished / total) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    process.stderr.write(`\r${bar} ${finished}/${total} ok ${counts.ok} failed ${counts.failed}`);
  };
  return {
    item(event: BulkItemEvent) {
      finished++;
      if (event.status === 'failed' || event.status === 'bad-row') counts.failed++;
      else counts.ok++;
      if (!tty) {
        process.stdout.write(JSON.stringify(event) + '\n');
        return;
      }
      const failed = event.status === 'failed' || event.status === 'bad-row';
      if (event.password || event.accessKey || failed) {
        process.stderr.write('\r\x1b[K');
        process.stdout.write(JSON.stringify(event) + '\n');
      }
      drawBar();
    },
    finish(report: BulkReport) {
      if (!tty) {
        process.stdout.write(JSON.stringify({ report }) + '\n');
        return;
      }
      process.stderr.write('\n');
      const rows = [
        ['done', String(report.done.length)],
        ['already done', String(report.alreadyDone.length)],
        ['failed', String(report.failed.length)],
        ['malformed rows', String(report.badRows.length)],
        ['seconds', (report.elapsedMs / 1000).toFixed(1)],
      ];
      const problems = [...report.failed, ...report.badRows].map((item) => {
        const who = item.userName ? ` ${item.userName}` : '';
        return `line ${item.line}${who}: ${item.code}: ${item.message}`;
      });
      process.stdout.write(formatTable(rows, [report.operation, 'rows']) + '\n');
      if (problems.length > 0) process.stdout.write(problems.join('\n') + '\n');
    },
  };
}

function positive(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw usageError('UsageError', `${flag} must be above 0`);
  return number;
}
