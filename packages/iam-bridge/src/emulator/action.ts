import type { EmulatorContext } from './context.js';
import type { EmulatorStore } from './store.js';
import { EmulatorError } from './errors.js';
import { requireUser, type UserRecord } from './user-records.js';

/**
 * An action handler: IAM's input shape in, IAM's output shape out.
 *
 * @example
 * const handler: Handler<{ UserName: string }, object> = deleteUser;
 */
export type Handler<Input = any, Output = any> = (
  store: EmulatorStore,
  input: Input,
  context: EmulatorContext,
) => Output;

/**
 * Wraps a handler so that everything it reads and writes happens in one transaction:
 * a failure part way leaves nothing behind, and concurrent writers never interleave.
 *
 * @example
 * export const deleteUser = defineAction((store, input: DeleteUserInput) => { ... });
 */
export function defineAction<Input, Output>(
  handler: Handler<Input, Output>,
): Handler<Input, Output> {
  return (store, input, context) => store.transaction(() => handler(store, input, context));
}

/**
 * The user an action is about: the named one, or, when the name is left out, the calling
 * user, as IAM does. Root callers must name a user for actions that need one.
 *
 * @example
 * const user = targetUser(store, input.UserName, context);
 */
export function targetUser(
  store: EmulatorStore,
  userName: string | undefined,
  context: EmulatorContext,
): UserRecord {
  if (userName !== undefined) return requireUser(store, userName);
  if (context.caller.kind === 'user') return requireUser(store, context.caller.userName);
  throw new EmulatorError(
    'ValidationError',
    400,
    'Must specify userName when calling with non-User credentials',
  );
}
