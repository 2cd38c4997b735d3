import { decodeForm } from '@iam-bridge/iam';

/**
 * An AWS Query request as the emulator reads it: every parameter from the URL's query and
 * a form body, in order, with the `Action` and `Version` they name.
 *
 * @example
 * const query: QueryRequest = {
 *   pairs: [['Action', 'GetUser'], ['Version', '2010-05-08']],
 *   action: 'GetUser', version: '2010-05-08',
 * };
 */
export interface QueryRequest {
  pairs: Array<[string, string]>;
  /** The first `Action` sent, as AWS takes the first of repeated ones; absent when none. */
  action?: string;
  /** The first `Version` sent; absent when none. */
  version?: string;
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * Reads a Query request's parameters: first those in the URL (a GET, or a presigned POST),
 * then those of an `application/x-www-form-urlencoded` body. Bodies of other types carry no
 * parameters, so such a request usually has no `Action`.
 *
 * @example
 * readQueryRequest('/?Action=ListUsers&Version=2010-05-08', undefined, undefined).action;
 * // 'ListUsers'
 */
export function readQueryRequest(
  url: string,
  contentType: string | undefined,
  body: Uint8Array | undefined,
): QueryRequest {
  const queryStart = url.indexOf('?');
  const pairs = queryStart === -1 ? [] : decodeForm(url.slice(queryStart + 1));

  if (body !== undefined && body.length > 0 && isForm(contentType)) {
    pairs.push(...decodeForm(Buffer.from(body).toString('utf8')));
  }

  const first = (name: string) => pairs.find(([key]) => key === name)?.[1];
  const request: QueryRequest = { pairs };
  const action = first('Action');
  const version = first('Version');
  if (action !== undefined) request.action = action;
  if (version !== undefined) request.version = version;
  return request;
}

function isForm(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  return contentType.split(';')[0]!.trim().toLowerCase() === FORM_CONTENT_TYPE;
}
