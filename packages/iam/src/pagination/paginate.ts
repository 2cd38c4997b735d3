import { IamError } from '../errors.js';
import type { OperationName, OperationTypes, ServiceModel } from '../protocol/service-model.js';
import type { PaginatorModel } from '../protocol/service-model.js';
import type { CallOptions } from '../client/client-options.js';

/**
 * What pagination needs of a client: its model and `send`.
 *
 * @example
 * const client: PageSource<IamOperations> = new IamClient();
 */
export interface PageSource<Ops extends OperationTypes> {
  readonly model: ServiceModel<Ops>;
  send(action: string, input?: object, options?: CallOptions): Promise<unknown>;
}

/** The operations whose input takes a `Marker`: the paginated ones. */
export type PaginatedName<Ops extends OperationTypes> = {
  [Name in OperationName<Ops>]: 'Marker' extends keyof NonNullable<Ops[Name]['input']>
    ? Name
    : never;
}[OperationName<Ops>];

/** The output members of an operation that hold arrays: its candidate result keys. */
export type ResultKey<Output> = {
  [Key in keyof Output]-?: NonNullable<Output[Key]> extends readonly unknown[] ? Key : never;
}[keyof Output] &
  string;

/** The element type of the array under `Key` of an output (all array members by default). */
export type ResultItem<Output, Key extends ResultKey<Output> = ResultKey<Output>> =
  NonNullable<Output[Key]> extends readonly (infer Item)[] ? Item : never;

/**
 * Options of `paginate`, `paginateItems` and `all`.
 *
 * @example
 * const options: PaginateOptions = { pageSize: 100, signal: AbortSignal.timeout(60_000) };
 */
export interface PaginateOptions extends CallOptions {
  /** Sent as the paginator's limit key (`MaxItems`) on every page. */
  pageSize?: number;
  /** Stop after this many pages even when more are announced. */
  maxPages?: number;
}

/**
 * Pages through a paginated operation: sends it, yields each page's output, and follows
 * `Marker` while `IsTruncated` is true, as the model's paginator table says. A failed page
 * throws (nothing turns into an empty list); a server that announces more pages without a
 * marker, or repeats a marker, fails with `PaginationError` instead of looping.
 *
 * @throws IamError `UnknownPaginator` for an operation that does not page
 * @example
 * for await (const page of paginate(iam, 'ListUsers', { PathPrefix: '/ops/' })) {
 *   console.log(page.Users.length);
 * }
 */
export async function* paginate<Ops extends OperationTypes, Name extends PaginatedName<Ops>>(
  client: PageSource<Ops>,
  action: Name,
  input?: Ops[Name]['input'],
  options: PaginateOptions = {},
): AsyncGenerator<Ops[Name]['output'], void, undefined> {
  const paginator = findPaginator(client.model, action);
  const callOptions: CallOptions = {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const baseInput: Record<string, unknown> = { ...(input as object | undefined) };
  if (options.pageSize !== undefined && paginator.limitKey) {
    baseInput[paginator.limitKey] = options.pageSize;
  }

  const seenMarkers = new Set<string>();
  let marker = baseInput[paginator.inputToken] as string | undefined;
  for (let pages = 1; ; pages += 1) {
    const pageInput = { ...baseInput };
    if (marker !== undefined) pageInput[paginator.inputToken] = marker;
    const output = (await client.send(action, pageInput, callOptions)) as Record<string, unknown>;
    yield output as Ops[Name]['output'];

    const next = nextMarker(action, paginator, output);
    if (next === undefined || (options.maxPages !== undefined && pages >= options.maxPages)) {
      return;
    }
    if (seenMarkers.has(next)) {
      throw paginationError(`${action}: the server repeated marker ${next} after ${pages} pages`);
    }
    seenMarkers.add(next);
    marker = next;
  }
}

/**
 * The items of every page, one at a time: the elements of the paginator's result key (of
 * every result key, in their order, for an operation with several such as
 * GetAccountAuthorizationDetails), or of the `resultKey` asked for.
 *
 * @example
 * for await (const user of paginateItems(iam, 'ListUsers')) console.log(user.UserName);
 */
export async function* paginateItems<
  Ops extends OperationTypes,
  Name extends PaginatedName<Ops>,
  Key extends ResultKey<Ops[Name]['output']> = ResultKey<Ops[Name]['output']>,
>(
  client: PageSource<Ops>,
  action: Name,
  input?: Ops[Name]['input'],
  options: PaginateOptions & { resultKey?: Key } = {},
): AsyncGenerator<ResultItem<Ops[Name]['output'], Key>, void, undefined> {
  const paginator = findPaginator(client.model, action);
  const keys = options.resultKey === undefined ? paginator.resultKeys : [options.resultKey];
  for await (const page of paginate(client, action, input, options)) {
    for (const key of keys) {
      const items = (page as Record<string, unknown>)[key];
      if (Array.isArray(items)) yield* items as Array<ResultItem<Ops[Name]['output'], Key>>;
    }
  }
}

/**
 * Every item of every page, collected into one array.
 *
 * @example
 * const users = await all(iam, 'ListUsers');
 * const policies = await all(iam, 'ListPolicies', { Scope: 'Local' }, { pageSize: 100 });
 */
export async function all<
  Ops extends OperationTypes,
  Name extends PaginatedName<Ops>,
  Key extends ResultKey<Ops[Name]['output']> = ResultKey<Ops[Name]['output']>,
>(
  client: PageSource<Ops>,
  action: Name,
  input?: Ops[Name]['input'],
  options: PaginateOptions & { resultKey?: Key } = {},
): Promise<Array<ResultItem<Ops[Name]['output'], Key>>> {
  const items: Array<ResultItem<Ops[Name]['output'], Key>> = [];
  for await (const item of paginateItems(client, action, input, options)) items.push(item);
  return items;
}

/**
 * The paginator of an operation from the model's table.
 *
 * @throws IamError `UnknownPaginator`
 * @example
 * findPaginator(iamModel, 'ListUsers').resultKeys; // ['Users']
 */
export function findPaginator(model: ServiceModel<any>, action: string): PaginatorModel {
  const paginator = Object.hasOwn(model.paginators, action) ? model.paginators[action] : undefined;
  if (paginator === undefined) {
    throw new IamError({
      code: 'UnknownPaginator',
      message: `${model.serviceId} ${action} is not a paginated operation`,
    });
  }
  return paginator;
}

function nextMarker(
  action: string,
  paginator: PaginatorModel,
  output: Record<string, unknown>,
): string | undefined {
  const token = output[paginator.outputToken];
  const marker = typeof token === 'string' && token !== '' ? token : undefined;
  if (paginator.moreResults === undefined) return marker;
  if (output[paginator.moreResults] !== true) return undefined;
  if (marker === undefined) {
    throw paginationError(`${action}: ${paginator.moreResults} is true but no marker came`);
  }
  return marker;
}

function paginationError(message: string): IamError {
  return new IamError({ code: 'PaginationError', message, retryable: false });
}
