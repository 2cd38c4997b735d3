import { randomUUID } from 'node:crypto';

import Fastify, { type FastifyError, type FastifyRequest } from 'fastify';
import pino from 'pino';

import { drainRequest } from '../http-drain.js';
import { EmulatorError } from './errors.js';
import { errorReply, type QueryReply } from './error-reply.js';
import { answerClientError, frameworkRefusal } from './framework-errors.js';
import { answerQuery } from './query-handler.js';
import { openStore, type EmulatorStore, type RootCredentials } from './store.js';
import type { EmulatorSwitches } from './switches.js';

/**
 * The structured logger the emulator writes to: pino, or anything with its two methods.
 *
 * @example
 * const logger: EmulatorLogger = pino({ level: 'info' });
 */
export interface EmulatorLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * How to start an emulator. State lives in SQLite at `dataFile`, or in memory with
 * `memory: true` (the default when neither is given; giving both is an error).
 *
 * @example
 * const options: EmulatorOptions = { port: 0, memory: true, switches: { throttlingRate: 0.1 } };
 */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  dataFile?: string;
  memory?: boolean;
  rootCredentials?: RootCredentials;
  accountId?: string;
  switches?: Partial<EmulatorSwitches>;
  /** The emulator's clock for signature windows and entity dates; default the system's. */
  now?: () => Date;
  /** Default: errors only, to stderr. */
  logger?: EmulatorLogger;
  /** Largest request body accepted, in bytes; default 1 MiB. */
  bodyLimit?: number;
}

/**
 * A running emulator. `store.switches` may be changed while it runs (fault rates, new-key
 * delay); `setClock` replaces its clock, e.g. with `fixedClock(...)`.
 *
 * @example
 * const emulator = await startEmulator({ memory: true });
 * emulator.store.switches.throttlingRate = 0.5;
 * await emulator.stop();
 */
export interface RunningEmulator {
  /** `http://host:port`, to pass as an endpoint URL. */
  url: string;
  port: number;
  rootCredentials: RootCredentials;
  accountId: string;
  store: EmulatorStore;
  /** Replaces the clock; without an argument, goes back to the system clock. */
  setClock(now?: () => Date): void;
  /** Stops accepting requests, waits for those in flight, then closes the store. */
  stop(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Starts the local IAM emulator: an HTTP server speaking IAM's (and STS's
 * `GetCallerIdentity`) Query protocol, signatures verified as AWS does, state in SQLite.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, memory: true });
 * // aws --endpoint-url ${emulator.url} iam list-users
 * await emulator.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  if (options.dataFile !== undefined && options.memory) {
    throw new TypeError('give either dataFile or memory: true, not both');
  }
  let clock = options.now ?? systemClock;
  const now = () => clock();
  const logger = options.logger ?? pino({ level: 'error' }, pino.destination(2));

  const store = openStore({
    file: options.dataFile ?? ':memory:',
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    ...(options.rootCredentials === undefined ? {} : { rootCredentials: options.rootCredentials }),
    ...(options.switches === undefined ? {} : { switches: options.switches }),
    now,
  });

  const server = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    genReqId: () => randomUUID(),
    // Every answer is AWS's XML ErrorResponse, including the HTTP layer's own refusals.
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, request, reply) => {
      const refusal = frameworkRefusal(error) ?? error;
      void sendXml(reply, request.id, errorReply(refusal, request.id));
    },
  });
  // The signature covers the body's exact bytes, so every body is kept raw and decoded later.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });

  server.route({
    method: ['GET', 'POST'],
    url: '/*',
    handler: (request, reply) => {
      const answer = answerQuery(store, receivedRequest(request), {
        now,
        requestId: request.id,
        unexpected: (error) =>
          logger.error({ requestId: request.id, err: error }, 'unexpected failure'),
      });
      logger.info(
        { requestId: request.id, action: answer.action, status: answer.status, code: answer.code },
        'request',
      );
      return sendXml(reply, request.id, answer);
    },
  });
  server.setNotFoundHandler((request, reply) => {
    const error = new EmulatorError(
      'MethodNotAllowed',
      405,
      `Send GET or POST, not ${request.method}.`,
    );
    return sendXml(reply, request.id, errorReply(error, request.id));
  });
  server.setErrorHandler(async (error: FastifyError, request, reply) => {
    const refusal = frameworkRefusal(error) ?? error;
    const unexpected = (cause: unknown) =>
      logger.error({ requestId: request.id, err: cause }, 'unexpected failure');
    // A body over the limit is refused unread; a client that sends all of it before reading
    // the answer (Python's urllib, most SDKs) would meet a closed socket and never see the
    // 413, so the rest is read and dropped first, within bounds.
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') await drainRequest(request.raw);
    return sendXml(reply, request.id, errorReply(refusal, request.id, undefined, unexpected));
  });

  const host = options.host ?? '127.0.0.1';
  try {
    await server.listen({ port: options.port ?? 0, host });
  } catch (error) {
    store.close();
    throw error;
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    rootCredentials: store.rootCredentials,
    accountId: store.accountId,
    store,
    setClock: (next) => {
      clock = next ?? systemClock;
    },
    stop: async () => {
      await server.close();
      store.close();
    },
  };
}

const systemClock = () => new Date();

function receivedRequest(request: FastifyRequest) {
  const raw = request.raw.rawHeaders;
  const headers: Array<[string, string]> = [];
  for (let index = 0; index + 1 < raw.length; index += 2)
    headers.push([raw[index]!, raw[index + 1]!]);
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  return {
    method: request.method,
    url: request.raw.url ?? '/',
    headers,
    ...(body ? { body } : {}),
  };
}

function sendXml(reply: import('fastify').FastifyReply, requestId: string, answer: QueryReply) {
  return reply
    .code(answer.status)
    .header('content-type', 'text/xml')
    .header('x-amzn-RequestId', requestId)
    .send(answer.body);
}
