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

/**
 * Times an operation (sync, or async when `isAsync`): warm-up, iteration count fitted to
 * `roundMs`, then `rounds` timed rounds.
 *
 * @example const { microseconds } = await time(() => sha256Hex(body));
 */
export async function time(
  fn: Operation | AsyncOperation,
  isAsync = false,
  options: TimingOptions = {},
): Promise<Timing> {
  const rounds = options.rounds ?? 7;
  const roundMs = options.roundMs ?? 60;

  // Warm-up doubles as calibration: grow the batch until one batch takes a tenth of a round.
  let iterations = 1;
  let elapsed = await runRound(fn, iterations, isAsync);
  while (elapsed < roundMs / 10) {
    iterations *= 2;
    elapsed = await runRound(fn, iterations, isAsync);
  }
  iterations = Math.max(1, Math.round((iterations * roundMs) / elapsed));
  await runRound(fn, iterations, isAsync);

  const perOp: number[] = [];
  for (let r = 0; r < rounds; r++) {
    perOp.push(((await runRound(fn, iterations, isAsync)) * 1000) / iterations);
  }
  return {
    microseconds: median(perOp),
    minMicroseconds: Math.min(...perOp),
    maxMicroseconds: Math.max(...perOp),
    iterations,
    rounds,
  };
}
