import type { EmulatorStore } from './store.js';
import { rootArn } from './identifiers.js';
import { findUser } from './user-records.js';
import { noSuchEntity } from './errors.js';

/**
 * Who is calling: the account's root user, or an IAM user (its name, id and ARN).
 *
 * @example
 * const caller: Caller = { kind: 'user', userName: 'bob', userId: 'AIDA...', arn: '...' };
 */
export type Caller =
  { kind: 'root' } | { kind: 'user'; userName: string; userId: string; arn: string };

/**
 * What every handler receives besides its input: the account, the caller, the clock.
 *
 * @example
 * const context: EmulatorContext = rootContext(store, { now: () => new Date(0) });
 */
export interface EmulatorContext {
  accountId: string;
  caller: Caller;
  /** The caller's ARN: `arn:aws:iam::<account>:root` or the user's ARN. */
  principalArn: string;
  now(): Date;
}

/**
 * A clock that always answers the same instant, for tests.
 *
 * @example
 * const now = fixedClock('2024-01-01T00:00:00Z');
 */
export function fixedClock(instant: Date | string | number): () => Date {
  const time = new Date(instant).getTime();
  return () => new Date(time);
}

/**
 * The context of a call made with the root user's credentials.
 *
 * @example
 * createUser(store, { UserName: 'alice' }, rootContext(store));
 */
export function rootContext(store: EmulatorStore, options: { now?: () => Date } = {}) {
  const context: EmulatorContext = {
    accountId: store.accountId,
    caller: { kind: 'root' },
    principalArn: rootArn(store.accountId),
    now: options.now ?? (() => new Date()),
  };
  return context;
}

/**
 * The context of a call made with an IAM user's credentials; the user must exist.
 *
 * @example
 * const bob = userContext(store, 'bob');
 */
export function userContext(
  store: EmulatorStore,
  userName: string,
  options: { now?: () => Date } = {},
): EmulatorContext {
  const user = findUser(store, userName);
  if (!user) throw noSuchEntity(`The user with name ${userName} cannot be found.`);

  return {
    accountId: store.accountId,
    caller: { kind: 'user', userName: user.name, userId: user.id, arn: user.arn },
    principalArn: user.arn,
    now: options.now ?? (() => new Date()),
  };
}
