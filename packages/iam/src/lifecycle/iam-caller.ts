import type { IamOperations } from '../generated/iam-types.js';

/**
 * Per-call options every lifecycle operation forwards to the client.
 *
 * @example
 * const options: SendOptions = { signal: AbortSignal.timeout(5_000) };
 */
export interface SendOptions {
  signal?: AbortSignal;
}

/**
 * An IAM operation name, as AWS spells it.
 *
 * @example
 * const operation: IamOperationName = 'ListAccessKeys';
 */
export type IamOperationName = keyof IamOperations & string;

/**
 * The one thing lifecycle operations need from an IAM client: send an operation by name
 * with AWS's PascalCase input and get its typed output, AWS errors thrown as `IamError`.
 * `IamClient` satisfies it; tests may pass anything else that does.
 *
 * @example
 * const caller: IamCaller = new IamClient({ credentials });
 * const { User } = await caller.send('GetUser', { UserName: 'ana' });
 */
export interface IamCaller {
  send<Name extends IamOperationName>(
    operation: Name,
    input: IamOperations[Name]['input'],
    options?: SendOptions,
  ): Promise<IamOperations[Name]['output']>;
}
