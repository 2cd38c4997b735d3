// The one timing rule every bench section shares: warm up, then time several rounds of many
// iterations each and keep the median round, in microseconds per operation.
import { performance } from 'node:perf_hooks';

/** How long to time an operation. */
export interface TimingOptions {
  /** Rounds timed; the median is kept. */
  rounds?: number;
  /** Target wall time of one round, in milliseconds; the iteration count is fitted to it. */
  roundMs?: number;
}

/** Microseconds per operation: the median round, with the spread of all rounds. */
export interface Timing {
  microseconds: number;
  minMicroseconds: number;
  maxMicroseconds: number;
  iterations: number;
  rounds: number;
}

type Operation = () => unknown;
type AsyncOperation = () => Promise<unknown>;

async function runRound(fn: Operation | AsyncOperation, iterations: number, isAsync: boolean) {
  const start = performance.now();
  if (isAsync) {
    for (let i = 0; i < iterations; i++) await fn();
  } else {
    for (let i = 0; i < iterations; i++) fn();
  }
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** An operation to time, sync or async. */
export interface Subject {
  run: Operation | AsyncOperation;
  isAsync: boolean;
}

async function calibrate(subject: Subject, roundMs: number): Promise<number> {
  // Warm-up doubles as calibration: grow the batch until one batch takes a tenth of a round.
  let iterations = 1;
  let elapsed = await runRound(subject.run, iterations, subject.isAsync);
  while (elapsed < roundMs / 10) {
    iterations *= 2;
    elapsed = await runRound(subject.run, iterations, subject.isAsync);
  }
  iterations = Math.max(1, Math.round((iterations * roundMs) / elapsed));
  await runRound(subject.run, iterations, subject.isAsync);
  return iterations;
}

/**
 * Times several operations side by side: each is warmed up and its iteration count fitted to
 * `roundMs`, then rounds are interleaved (one round of each, `rounds` times), so a burst of load
 * on the machine falls on every subject alike. One timing per subject, in order.
 *
 * @example const [ours, theirs] = await timeSideBySide([{ run: a, isAsync: false }, ...]);
 */
export async function timeSideBySide(
  subjects: Subject[],
  options: TimingOptions = {},
): Promise<Timing[]> {
  const rounds = options.rounds ?? 9;
  const roundMs = options.roundMs ?? 50;
  const iterations: number[] = [];
  for (const subject of subjects) iterations.push(await calibrate(subject, roundMs));

  const perOp: number[][] = subjects.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < subjects.length; i++) {
      const { run, isAsync } = subjects[i];
      perOp[i].push(((await runRound(run, iterations[i], isAsync)) * 1000) / iterations[i]);
    }
  }
  return perOp.map((values, i) => ({
    microseconds: median(values),
    minMicroseconds: Math.min(...values),
    maxMicroseconds: Math.max(...values),
    iterations: iterations[i],
    rounds,
  }));
}
