import type { EmulatorSwitches } from './switches.js';

/**
 * The environment variables that set the emulator's switches, by switch.
 *
 * @example
 * switchVariables.throttlingRate; // 'IAM_BRIDGE_EMULATOR_THROTTLE_RATE'
 */
export const switchVariables = {
  throttlingRate: 'IAM_BRIDGE_EMULATOR_THROTTLE_RATE',
  serviceFailureRate: 'IAM_BRIDGE_EMULATOR_FAILURE_RATE',
  newAccessKeyDelayMs: 'IAM_BRIDGE_EMULATOR_KEY_DELAY_MS',
  loginProfileUnmodifiableMs: 'IAM_BRIDGE_EMULATOR_LOGIN_PROFILE_DELAY_MS',
  randomSeed: 'IAM_BRIDGE_EMULATOR_SEED',
} as const satisfies Record<keyof EmulatorSwitches, string>;

/**
 * Reads switch values given as text (from the environment or flags). Rates are shares from
 * 0 to 1, delays whole milliseconds, the seed a whole number; unset or empty entries are
 * left out. Returns a sentence naming the first bad value instead of guessing.
 *
 * @example
 * readSwitchSettings({ throttlingRate: '0.2' }); // { throttlingRate: 0.2 }
 * readSwitchSettings({ throttlingRate: '2' }); // 'throttlingRate must be between 0 and 1, not 2'
 */
export function readSwitchSettings(
  texts: Partial<Record<keyof EmulatorSwitches, string | undefined>>,
): Partial<EmulatorSwitches> | string {
  const switches: Partial<EmulatorSwitches> = {};
  for (const [name, text] of Object.entries(texts) as Array<[keyof EmulatorSwitches, string]>) {
    if (text === undefined || text.trim() === '') continue;
    const value = Number(text);
    const isRate = name === 'throttlingRate' || name === 'serviceFailureRate';
    if (isRate && !(value >= 0 && value <= 1)) {
      return `${name} must be between 0 and 1, not ${text}`;
    }
    if (!isRate && !(Number.isInteger(value) && value >= 0)) {
      return `${name} must be a whole number of 0 or more, not ${text}`;
    }
    switches[name] = value;
  }
  return switches;
}

/**
 * Reads the switches set in the environment (see `switchVariables`).
 *
 * @example
 * switchesFromEnv({ IAM_BRIDGE_EMULATOR_FAILURE_RATE: '0.1' }); // { serviceFailureRate: 0.1 }
 */
export function switchesFromEnv(env: NodeJS.ProcessEnv): Partial<EmulatorSwitches> | string {
  const texts: Partial<Record<keyof EmulatorSwitches, string | undefined>> = {};
  for (const [name, variable] of Object.entries(switchVariables)) {
    texts[name as keyof EmulatorSwitches] = env[variable];
  }
  const settings = readSwitchSettings(texts);
  if (typeof settings !== 'string') return settings;
  const name = settings.split(' ')[0] as keyof EmulatorSwitches;
  return settings.replace(name, switchVariables[name]);
}
