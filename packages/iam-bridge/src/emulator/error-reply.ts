import { IamError, IAM_XML_NAMESPACE, writeErrorResponse } from '@iam-bridge/iam';

import { EmulatorError } from './errors.js';

/**
 * An answer the emulator sends: HTTP status, XML body, and the AWS code when it is an error.
 *
 * @example
 * const reply: QueryReply = { status: 200, body: '<GetUserResponse ...>' };
 */
export interface QueryReply {
  status: number;
  body: string;
  code?: string;
}

/** AWS's wording for a failure inside the service. */
export const SERVICE_FAILURE_MESSAGE =
  'The request processing has failed because of an unknown error, exception or failure.';

/**
 * Turns anything thrown while answering into AWS's XML error response: emulator errors and
 * the Query parser's validation errors keep their code and status; anything else is a bug
 * and becomes `ServiceFailure` (500), with `unexpected` told so it can be logged.
 *
 * @example
 * errorReply(new EmulatorError('NoSuchEntity', 404, 'no'), 'r-1', IAM_XML_NAMESPACE).status;
 * // 404
 */
export function errorReply(
  error: unknown,
  requestId: string,
  xmlNamespace: string = IAM_XML_NAMESPACE,
  unexpected: (error: unknown) => void = () => {},
): QueryReply {
  let code: string;
  let status: number;
  let message: string;
  if (error instanceof EmulatorError) {
    ({ code, status, message } = error);
  } else if (error instanceof IamError && error.status !== undefined && error.status < 500) {
    ({ code, status, message } = error as IamError & { status: number });
  } else {
    unexpected(error);
    [code, status, message] = ['ServiceFailure', 500, SERVICE_FAILURE_MESSAGE];
  }

  const type = status >= 500 ? 'Receiver' : 'Sender';
  const body = writeErrorResponse({ type, code, message, requestId, xmlNamespace });
  return { status, body, code };
}
