import type { Handler } from './action.js';

/**
 * STS GetCallerIdentity: who signed the request. Needs no permission, as with AWS.
 *
 * @example
 * getCallerIdentity(store, {}, context); // { UserId, Account, Arn }
 */
export const getCallerIdentity: Handler<
  Record<string, never>,
  { UserId: string; Account: string; Arn: string }
> = (store, _input, context) => ({
  UserId: context.caller.kind === 'root' ? store.accountId : context.caller.userId,
  Account: store.accountId,
  Arn: context.principalArn,
});
