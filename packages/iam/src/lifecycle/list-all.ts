import type { IamOperations } from '../generated/iam-types.js';
import type { IamCaller, IamOperationName, SendOptions } from './iam-caller.js';

type PagedName = {
  [Name in IamOperationName]: IamOperations[Name]['input'] extends { Marker?: string }
    ? Name
    : never;
}[IamOperationName];

/**
 * Collects every item of an IAM list operation, following `Marker` while `IsTruncated`
 * says more follow. A failed page fails the whole listing: a partial list would let a
 * delete think a user has nothing left.
 *
 * @example
 * const keys = await listAll(client, 'ListAccessKeys', { UserName: 'ana' }, 'AccessKeyMetadata');
 */
export async function listAll<
  Name extends PagedName,
  Key extends keyof IamOperations[Name]['output'],
>(
  caller: IamCaller,
  operation: Name,
  input: IamOperations[Name]['input'],
  resultKey: Key,
  options: SendOptions = {},
): Promise<NonNullable<IamOperations[Name]['output'][Key]>> {
  const items: unknown[] = [];
  let marker: string | undefined;
  for (;;) {
    const pageInput = { ...input, ...(marker === undefined ? {} : { Marker: marker }) };
    const page = (await caller.send(operation, pageInput, options)) as Record<string, unknown>;
    const pageItems = page[resultKey as string];
    if (Array.isArray(pageItems)) items.push(...pageItems);

    // A truncated page without a marker would loop forever; stop rather than spin.
    if (page.IsTruncated !== true || typeof page.Marker !== 'string') break;
    marker = page.Marker;
  }
  return items as NonNullable<IamOperations[Name]['output'][Key]>;
}
