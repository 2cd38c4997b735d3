import { IAM_XML_NAMESPACE, parseQueryParams, writeResponse } from '@iam-bridge/iam';
import type { VerifiableRequest } from '@iam-bridge/sigv4';

import { invokeAction } from './actions.js';
import { authenticate } from './authentication.js';
import { errorReply, type QueryReply } from './error-reply.js';
import { notImplemented, routeOperation } from './operation-route.js';
import { readQueryRequest } from './query-request.js';
import type { EmulatorStore } from './store.js';

/**
 * A received HTTP request: method, URL as sent (origin form), headers and raw body bytes.
 *
 * @example
 * const received: ReceivedRequest = {
 *   method: 'POST', url: '/', headers: [['host', '127.0.0.1:4566']], body: Buffer.from(''),
 * };
 */
export interface ReceivedRequest extends VerifiableRequest {
  body?: Uint8Array;
}

/**
 * The answer to one request, with the action it named (for the log).
 *
 * @example
 * const answer: QueryAnswer = { status: 200, body: '<ListUsersResponse/>', action: 'ListUsers' };
 */
export interface QueryAnswer extends QueryReply {
  action?: string;
}

/**
 * Answers one Query request, in AWS's order: find the operation (`MissingAction`,
 * `InvalidAction`), check the signature, refuse what the emulator does not implement
 * (`NotImplemented`, 501), decode and validate the parameters (`ValidationError`), then run
 * the action (faults, authorization, handler) and write its XML. Never throws.
 *
 * @example
 * const answer = answerQuery(store, received, { now: () => new Date(), requestId: 'r-1' });
 * reply.code(answer.status).send(answer.body);
 */
export function answerQuery(
  store: EmulatorStore,
  received: ReceivedRequest,
  options: { now: () => Date; requestId: string; unexpected?: (error: unknown) => void },
): QueryAnswer {
  let action: string | undefined;
  let xmlNamespace = IAM_XML_NAMESPACE;
  try {
    const contentType = contentTypeOf(received.headers);
    const query = readQueryRequest(received.url, contentType, received.body);
    action = query.action;
    const route = routeOperation(query);
    xmlNamespace = route.model.xmlNamespace;

    const context = authenticate(store, received, route.service, options.now);
    if (!route.implemented) throw notImplemented(route.action);

    const input = parseQueryParams(route.model, route.action, query.pairs);
    const output = invokeAction(store, route.action, input, context, route.service);
    const body = writeResponse(route.model, route.action, output as object, options.requestId);
    return { status: 200, body, action };
  } catch (error) {
    return { ...errorReply(error, options.requestId, xmlNamespace, options.unexpected), action };
  }
}

function contentTypeOf(headers: ReceivedRequest['headers']): string | undefined {
  if (Array.isArray(headers)) {
    const pair = (headers as Array<[string, string]>).find(
      ([name]) => name.toLowerCase() === 'content-type',
    );
    return pair?.[1];
  }
  const value = (headers as Record<string, unknown>)['content-type'];
  return typeof value === 'string' ? value : undefined;
}
