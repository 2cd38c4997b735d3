import { randomUUID } from 'node:crypto';
import { maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { errorBody, GatewayError } from './errors.js';
import { withoutQuotedText } from './json-body.js';
import { validationMessage } from './validation.js';

/**
 * Fastify's own refusals (schema, JSON, size, media type, URL) as the gateway's errors, so
 * that every answer has the `{ error: { code, message, requestId } }` shape; undefined for
 * an error that is not a refusal of the request (a failure, answered as one).
 *
 * @example refusalOf(Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' }))
 * // GatewayError PayloadTooLarge (413)
 */
export function refusalOf(error: FastifyError): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error.validation) {
    const { message, field } = validationMessage(error.validation, error.validationContext);
    return new GatewayError('ValidationError', 400, message, { details: { field } });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('PayloadTooLarge', 413, 'The request body is larger than allowed.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(
        'UnsupportedMediaType',
        415,
        'Send application/json (or text/csv for bulk jobs).',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('MalformedJson', 400, 'The JSON body is empty.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError('InvalidRequest', 400, 'Content-Length does not match the body.');
    case 'FST_ERR_BAD_URL':
      return new GatewayError(
        'InvalidUrl',
        400,
        'The URL path has a %-escape that does not decode to UTF-8 text; ' +
          'percent-encode each byte of the UTF-8 form (é is %C3%A9).',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new GatewayError('UriTooLong', 414, 'A path segment of the URL is too long.');
    case 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE':
      return new GatewayError('UnsupportedMediaType', 415, 'Send a Content-Type with the body.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    const reason = withoutQuotedText(error.message);
    return new GatewayError('MalformedJson', 400, `The body is not valid JSON: ${reason}.`);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new GatewayError('InvalidRequest', error.statusCode, error.message);
  }
  return undefined;
}

/**
 * Fastify's `frameworkErrors` option: errors found before a route is chosen (a URL that
 * does not decode, a path parameter too long) answered in the gateway's error shape.
 *
 * @example Fastify({ frameworkErrors: answerFrameworkError });
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const refusal =
    refusalOf(error) ?? new GatewayError('InternalError', 500, 'The gateway failed to route.');
  reply.header('x-request-id', request.id);
  void reply.code(refusal.status).send(errorBody(refusal, request.id));
}

// What node's HTTP parser refuses, before fastify sees a request, and the answer to it.
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HeadersTooLarge',
    message: `The request headers are larger than the ${maxHeaderSize} bytes accepted in all.`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'RequestTimeout',
    message: 'The request was not received in time.',
  },
  ERR_HTTP_HEADERS_TIMEOUT: {
    status: 408,
    code: 'RequestTimeout',
    message: 'The request headers were not received in time.',
  },
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * Fastify's `clientErrorHandler` option: a request node's HTTP parser refuses (headers too
 * large, not HTTP at all, too slow) answered in the gateway's error shape with a fresh
 * request id, then the connection closed, as node itself does.
 *
 * @example Fastify({ clientErrorHandler: answerClientError });
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;

  const known = CLIENT_ERRORS[error.code ?? ''];
  const { status, code, message } = known ?? {
    status: 400,
    code: 'MalformedRequest',
    message: `The request is not valid HTTP/1.1 (${error.code ?? 'unreadable'}).`,
  };
  const requestId = randomUUID();
  const body = JSON.stringify(errorBody(new GatewayError(code, status, message), requestId));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
