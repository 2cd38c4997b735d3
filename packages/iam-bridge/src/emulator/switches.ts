import { EmulatorError } from './errors.js';

/**
 * Behaviour that tests need and AWS cannot be asked for. Every switch is off by default.
 *
 * - `throttlingRate`, `serviceFailureRate`: share of calls (0..1) answered with `Throttling`
 *   (400, "Rate exceeded") or `ServiceFailure` (500), drawn from a random sequence seeded
 *   with `randomSeed`, so a run is repeatable.
 * - `newAccessKeyDelayMs`: a new access key is unknown to `lookupCredentials` for this long,
 *   as AWS's eventual consistency makes it.
 * - `loginProfileUnmodifiableMs`: for this long after creation a login profile answers
 *   `EntityTemporarilyUnmodifiable` to updates and deletes.
 *
 * @example
 * const switches: EmulatorSwitches = { ...defaultSwitches, throttlingRate: 0.5, randomSeed: 7 };
 */
export interface EmulatorSwitches {
  throttlingRate: number;
  serviceFailureRate: number;
  randomSeed: number;
  newAccessKeyDelayMs: number;
  loginProfileUnmodifiableMs: number;
}

/**
 * All switches off.
 *
 * @example
 * openStore({ switches: { ...defaultSwitches, newAccessKeyDelayMs: 2000 } });
 */
export const defaultSwitches: Readonly<EmulatorSwitches> = Object.freeze({
  throttlingRate: 0,
  serviceFailureRate: 0,
  randomSeed: 1,
  newAccessKeyDelayMs: 0,
  loginProfileUnmodifiableMs: 0,
});

/**
 * A repeatable random sequence in [0, 1) (mulberry32), so injected faults can be replayed.
 *
 * @example
 * const next = seededRandom(42);
 * next(); // the same value on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds the fault injector for a set of switches: each call draws once and throws
 * `Throttling` or `ServiceFailure` when the draw falls inside the configured rate.
 *
 * @example
 * const injectFault = createFaultInjector({ ...defaultSwitches, serviceFailureRate: 1 });
 * injectFault(); // throws ServiceFailure
 */
export function createFaultInjector(switches: EmulatorSwitches): () => void {
  const next = seededRandom(switches.randomSeed);
  return () => {
    if (switches.throttlingRate <= 0 && switches.serviceFailureRate <= 0) return;

    const draw = next();
    if (draw < switches.throttlingRate) {
      throw new EmulatorError('Throttling', 400, 'Rate exceeded');
    }
    if (draw < switches.throttlingRate + switches.serviceFailureRate) {
      throw new EmulatorError(
        'ServiceFailure',
        500,
        'The request processing has failed because of an unknown error, exception or failure.',
      );
    }
  };
}
