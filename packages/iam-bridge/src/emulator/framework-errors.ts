import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import { EmulatorError } from './errors.js';
import { errorReply } from './error-reply.js';

/**
 * The AWS-style error for a request the HTTP layer refused before any handler ran: a URL
 * that cannot be decoded, a body over the limit, an unreadable request. Statuses of 500 and
 * above give `undefined`: those are the emulator's own failures, not the caller's.
 *
 * @example
 * frameworkRefusal({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })?.code;
 * // 'RequestEntityTooLarge'
 */
export function frameworkRefusal(error: {
  statusCode?: number;
  code?: string;
  message?: string;
}): EmulatorError | undefined {
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_BAD_URL') {
    return new EmulatorError(
      'InvalidRequest',
      400,
      'The request URL could not be decoded: it holds a malformed percent-escape.',
    );
  }
  switch (status) {
    case 413:
      return new EmulatorError('RequestEntityTooLarge', 413, 'Request body is too large.');
    case 415:
      return new EmulatorError(
        'UnsupportedMediaType',
        415,
        'The request body type is not supported.',
      );
    case 431:
      return new EmulatorError(
        'RequestHeaderFieldsTooLarge',
        431,
        'The request headers are too large.',
      );
  }
  if (status < 500)
    return new EmulatorError('InvalidRequest', status, 'The request could not be read.');
  return undefined;
}

/**
 * Answers a request Node's HTTP parser could not read (malformed request line or headers,
 * headers over the size limit) with AWS's XML `ErrorResponse` written straight to the
 * socket, since no request object exists; the connection is closed afterwards.
 *
 * @example
 * Fastify({ clientErrorHandler: answerClientError });
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A connection the client dropped has no one left to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const refusal =
    status === 408
      ? new EmulatorError('RequestTimeout', 408, 'The request was not received in time.')
      : frameworkRefusal({ statusCode: status });
  const requestId = randomUUID();
  const { body } = errorReply(refusal, requestId);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: text/xml\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-RequestId: ${requestId}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
