import { IamError } from '../errors.js';
import { asObject, parseXml, single, textOf } from '../protocol/xml-document.js';
import { parseErrorResponse } from '../protocol/xml-parser.js';
import type { HttpResponse } from '../transport/http-transport.js';

/**
 * Reads a failed response into an `IamError`. Besides the forms `parseErrorResponse` knows,
 * it reads `<ErrorResponse><Errors><Error>`, the nesting moto_server uses for its
 * signature errors (`SignatureDoesNotMatch`, `InvalidClientTokenId`), so those arrive with
 * their code instead of as `UnexpectedResponse`.
 *
 * @example
 * const error = readErrorResponse({ status: 403, headers: new Headers(), body });
 * error.code; // 'SignatureDoesNotMatch'
 */
export function readErrorResponse(response: HttpResponse): IamError {
  const error = parseErrorResponse(response.status, response.body, response.headers);
  if (error.code !== 'UnexpectedResponse') return error;

  const nested = nestedError(response.body);
  if (nested === undefined) return error;
  return IamError.fromErrorResponse(
    {
      code: nested.code,
      ...(nested.message === undefined ? {} : { message: nested.message }),
      ...(nested.type === undefined ? {} : { type: nested.type }),
      ...((nested.requestId ?? error.requestId) === undefined
        ? {}
        : { requestId: (nested.requestId ?? error.requestId)! }),
    },
    response.status,
  );
}

function nestedError(body: string) {
  try {
    const document = parseXml(body);
    if (document.ErrorResponse === undefined) return undefined;
    const root = asObject(single(document.ErrorResponse));
    const errorNode = asObject(single(asObject(single(root.Errors)).Error));
    const code = textOf(errorNode.Code)?.trim();
    if (!code) return undefined;
    return {
      code,
      message: textOf(errorNode.Message),
      type: textOf(errorNode.Type)?.trim(),
      requestId: textOf(root.RequestId ?? root.RequestID)?.trim(),
    };
  } catch {
    return undefined;
  }
}
