import type { OperationName, OperationTypes } from '../protocol/service-model.js';
import type { CallArgs } from './client-options.js';

/**
 * One method per action of a model, each typed from the model's operation types.
 *
 * @example
 * const { User } = await iam.call.GetUser({ UserName: 'ana' });
 */
export type ActionMethods<Ops extends OperationTypes> = {
  readonly [Name in OperationName<Ops>]: (
    ...args: CallArgs<Ops[Name]['input']>
  ) => Promise<Ops[Name]['output']>;
};

/**
 * Builds the `call` facade: property access by action name gives a function that sends
 * that action. Unknown names still give a function, which fails with `UnknownOperation`
 * when called, before anything is sent.
 *
 * @example
 * const methods = actionProxy(client);
 * await methods.ListUsers();
 */
export function actionProxy<Ops extends OperationTypes>(client: {
  send(action: string, ...args: unknown[]): Promise<unknown>;
}): ActionMethods<Ops> {
  return new Proxy(Object.create(null) as ActionMethods<Ops>, {
    get(_target, property) {
      if (typeof property !== 'string') return undefined;
      // A promise-like check (`then`) must not look like an action, or `await client.call` hangs.
      if (property === 'then') return undefined;
      return (...args: unknown[]) => client.send(property, ...args);
    },
  });
}
