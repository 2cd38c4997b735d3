// What a bench section hands back, and how results are printed and saved.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Timing } from './timing.js';

/** One timed subject in one case. */
export interface BenchRow {
  caseId: string;
  caseTitle: string;
  subject: string;
  timing: Timing;
  /** This subject's time over ours in the same case (above 1: slower than ours). */
  ratioToOurs?: number;
  /** Whether the subject produced the same signature as ours for the same input. */
  sameSignature?: boolean;
}

/** A measured value against its target. */
export interface TargetCheck {
  name: string;
  measured: number;
  target: string;
  met: boolean;
}

/** The result of one bench section. */
export interface SectionResult {
  name: string;
  title: string;
  rows: BenchRow[];
  targets: TargetCheck[];
}

function pad(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function table(header: string[], lines: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) =>
    cells.map((cell, i) => pad(cell, widths[i], rightAligned[i])).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join(
    '\n',
  );
}

/**
 * A section as aligned text: one line per case and subject, then its targets.
 *
 * @example console.log(formatSection(await signingSection()))
 */
export function formatSection(section: SectionResult): string {
  const lines = section.rows.map((row) => [
    row.caseTitle,
    row.subject,
    row.timing.microseconds.toFixed(2),
    `${row.timing.minMicroseconds.toFixed(2)}-${row.timing.maxMicroseconds.toFixed(2)}`,
    row.ratioToOurs === undefined ? '' : row.ratioToOurs.toFixed(2) + 'x',
    row.sameSignature === undefined ? '' : row.sameSignature ? 'yes' : 'no',
  ]);
  const rows = table(['case', 'subject', 'us/op', 'range', 'vs ours', 'same sig'], lines, [
    false,
    false,
    true,
    true,
    true,
    false,
  ]);
  const targets = table(
    ['target', 'measured', 'limit', 'met'],
    section.targets.map((t) => [t.name, t.measured.toFixed(2), t.target, t.met ? 'yes' : 'NO']),
    [false, true, false, false],
  );
  return `== ${section.title}\n\n${rows}\n\n${targets}\n`;
}

/**
 * Writes every section's numbers, with the machine they were taken on, as JSON.
 *
 * @example writeResults(new URL('./results/latest.json', import.meta.url), sections)
 */
export function writeResults(file: URL, sections: SectionResult[]): void {
  mkdirSync(new URL('.', file), { recursive: true });
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    platform: `${process.platform}-${process.arch}`,
  };
  const body = { takenAt: new Date().toISOString(), machine, sections };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
}
