import type { IamError } from '../errors.js';
import { parseErrorResponse } from '../protocol/xml-parser.js';
import type { HttpResponse } from '../transport/http-transport.js';

/**
 * Reads a failed response into an `IamError`, with the request id from the body or, failing
 * that, from the `x-amzn-RequestId` header.
 *
 * @example
 * const error = readErrorResponse({ status: 403, headers: new Headers(), body });
 * error.code; // 'SignatureDoesNotMatch'
 */
export function readErrorResponse(response: HttpResponse): IamError {
  return parseErrorResponse(response.status, response.body, response.headers);
}
