import { Option, type Command } from 'commander';
import { usageError } from './cli-error.js';

/** How a command prints its result. */
export type OutputFormat = 'text' | 'json' | 'table';

/** The output flags as commander hands them over. */
export interface OutputFlags {
  json?: boolean;
  output?: OutputFormat;
}

/**
 * Adds `--json` and `--output json|table|text`.
 *
 * @example addOutputOptions(program.command('sign'))
 */
export function addOutputOptions(command: Command): Command {
  return command
    .option('--json', 'print one JSON object (same as --output json)')
    .addOption(new Option('--output <format>', 'output format').choices(['text', 'json', 'table']));
}

/**
 * The format asked for: `--json` or `--output`, `text` when neither is given.
 *
 * @example outputFormat({ json: true }) // 'json'
 */
export function outputFormat(flags: OutputFlags): OutputFormat {
  if (flags.json && flags.output !== undefined && flags.output !== 'json') {
    throw usageError('UsageError', `--json conflicts with --output ${flags.output}`);
  }
  return flags.json ? 'json' : (flags.output ?? 'text');
}

/**
 * Prints a value as one JSON document, indented, with a final newline.
 *
 * @example printJson({ url }) // {\n  "url": "https://..."\n}
 */
export function printJson(value: unknown, write = stdoutWriter): void {
  write(JSON.stringify(value, null, 2) + '\n');
}

/**
 * Prints lines, each ending with a newline.
 *
 * @example printLines(['host: iam.amazonaws.com'])
 */
export function printLines(lines: readonly string[], write = stdoutWriter): void {
  if (lines.length > 0) write(lines.join('\n') + '\n');
}

/**
 * Formats rows as a table with left-aligned columns separated by two spaces; the first row is
 * the header when `header` is given.
 *
 * @example formatTable([['region', 'us-east-1']], ['field', 'value'])
 */
export function formatTable(rows: readonly (readonly string[])[], header?: readonly string[]) {
  const all = header ? [header, ...rows] : [...rows];
  const widths: number[] = [];
  for (const row of all) {
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  }
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Prints a flat record as a two-column field/value table; multi-line values are shown with
 * `\n` escaped so each field stays on one row.
 *
 * @example printRecordTable({ region: 'us-east-1', service: 'iam' })
 */
export function printRecordTable(record: Record<string, unknown>, write = stdoutWriter): void {
  const rows = Object.entries(record)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => [field, tableCell(value)]);
  write(formatTable(rows, ['FIELD', 'VALUE']) + '\n');
}

function tableCell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\n/g, '\\n');
}

function stdoutWriter(text: string): void {
  process.stdout.write(text);
}
