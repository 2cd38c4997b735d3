import { IamError } from '../errors.js';
import type { ServiceName } from '../endpoints/partitions.js';
import type { ResolvedEndpoint } from '../endpoints/resolve-endpoint.js';
import { parseResponse } from '../protocol/xml-parser.js';
import { serializeQuery } from '../protocol/query-serializer.js';
import type { OperationName, OperationTypes, ServiceModel } from '../protocol/service-model.js';
import { resolveRetryOptions } from '../retry/backoff.js';
import type { ResolvedRetryOptions } from '../retry/backoff.js';
import { sendHttp } from '../transport/http-transport.js';
import type { HttpResponse } from '../transport/http-transport.js';
import { actionProxy } from './action-proxy.js';
import type { ActionMethods } from './action-proxy.js';
import { runAttempts } from './attempt-loop.js';
import { resolveClientConfig } from './client-config.js';
import type { ClientConfig } from './client-config.js';
import type {
  CallArgs,
  CallOptions,
  DetailedResult,
  PresignActionOptions,
  PresignedAction,
  QueryClientOptions,
} from './client-options.js';
import { readErrorResponse } from './error-response.js';
import { buildSignedRequest, presignQuery } from './signed-request.js';

/** Default time one attempt may take, connect to last body byte. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The generic AWS Query-protocol client that `IamClient` and `StsClient` are made of: it
 * checks and serializes the input against the model, resolves endpoint and credentials,
 * signs with SigV4, sends with retries, and parses the XML answer into the typed output.
 *
 * @example
 * const client = new QueryClient(iamModel, 'iam', { region: 'us-east-1' });
 * const { User } = await client.send('GetUser', { UserName: 'ana' });
 */
export class QueryClient<Ops extends OperationTypes> {
  readonly model: ServiceModel<Ops>;
  readonly service: ServiceName;
  /**
   * One method per action, typed from the model: `client.call.CreateUser({ UserName })`.
   */
  readonly call: ActionMethods<Ops>;
  readonly #options: QueryClientOptions;
  readonly #retry: ResolvedRetryOptions;
  #config: Promise<ClientConfig> | undefined;
  #clockOffsetMs: number;

  constructor(model: ServiceModel<Ops>, service: ServiceName, options: QueryClientOptions = {}) {
    this.model = model;
    this.service = service;
    this.#options = { ...options };
    this.#retry = resolveRetryOptions({
      ...options.retry,
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    });
    this.#clockOffsetMs = options.clockOffsetMs ?? 0;
    if (options.httpMethod !== undefined && !['POST', 'GET'].includes(options.httpMethod)) {
      throw new IamError({
        code: 'InvalidOption',
        message: `httpMethod must be POST or GET, got ${String(options.httpMethod)}`,
      });
    }
    this.call = actionProxy(this);
  }

  /**
   * Milliseconds added to the local clock when signing; learned from the server's `Date`
   * when AWS refuses a request as skewed, then applied to every later request.
   */
  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /**
   * Sends an action and returns its typed output. The input is checked against the model
   * before anything is sent.
   *
   * @throws IamError AWS's error (`NoSuchEntity`, ...), or `UnknownOperation`,
   *   `MissingParameter`, `NetworkError`, `TimeoutError`, `CredentialsNotFound`, ...
   * @example
   * const { User } = await client.send('CreateUser', { UserName: 'ana' });
   */
  async send<Name extends OperationName<Ops>>(
    action: Name,
    ...args: CallArgs<Ops[Name]['input']>
  ): Promise<Ops[Name]['output']> {
    const detailed = await this.sendDetailed(action, ...args);
    return detailed.result;
  }

  /**
   * `send`, also returning the request id, HTTP status and number of attempts.
   *
   * @example
   * const { result, requestId, attempts } = await client.sendDetailed('ListUsers', {});
   */
  async sendDetailed<Name extends OperationName<Ops>>(
    action: Name,
    ...args: CallArgs<Ops[Name]['input']>
  ): Promise<DetailedResult<Ops[Name]['output']>> {
    const [input, callOptions = {}] = args as [object | undefined, CallOptions | undefined];
    const pairs = serializeQuery(this.#untypedModel, action as string, input ?? {});
    const config = await this.#resolveConfig();
    const method = this.#options.httpMethod ?? 'POST';
    const timeoutMs = callOptions.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

    return runAttempts<Ops[Name]['output']>({
      action,
      service: this.service,
      retry: this.#retry,
      ...(this.#options.logger === undefined ? {} : { logger: this.#options.logger }),
      ...(callOptions.signal === undefined ? {} : { signal: callOptions.signal }),
      credentials: config.credentials,
      build: (credentials, clockOffsetMs) =>
        buildSignedRequest({
          pairs,
          endpoint: config.endpoint,
          credentials,
          method,
          clockOffsetMs,
        }),
      transmit: (request) =>
        sendHttp(request, {
          timeoutMs,
          ...(callOptions.signal === undefined ? {} : { signal: callOptions.signal }),
          ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
        }),
      readSuccess: (response) => this.#readSuccess(action, response),
      readFailure: readErrorResponse,
      getClockOffset: () => this.#clockOffsetMs,
      setClockOffset: (offsetMs) => {
        this.#clockOffsetMs = offsetMs;
      },
    });
  }

  /**
   * Presigns an action as a GET URL with every parameter in the query, signed for the
   * client's endpoint and signing region; the session token, if any, is signed in.
   *
   * @example
   * const { url, expiresAt } = await client.presignAction(
   *   'CreateUser', { UserName: 'TestAPCUser' }, { expiresIn: 30 },
   * );
   */
  async presignAction<Name extends OperationName<Ops>>(
    action: Name,
    input: Ops[Name]['input'],
    options: PresignActionOptions = {},
  ): Promise<PresignedAction> {
    const pairs = serializeQuery(this.#untypedModel, action as string, (input ?? {}) as object);
    const config = await this.#resolveConfig();
    const credentials = await config.credentials();
    const presigned = presignQuery({
      pairs,
      endpoint: config.endpoint,
      credentials,
      clockOffsetMs: this.#clockOffsetMs,
      ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn }),
      ...(options.date === undefined ? {} : { date: options.date }),
    });
    return { url: presigned.url, signedAt: presigned.signedAt, expiresAt: presigned.expiresAt };
  }

  /**
   * The endpoint requests go to, resolved from options, environment and profile.
   *
   * @example
   * (await client.endpoint()).signingRegion; // 'us-east-1'
   */
  async endpoint(): Promise<ResolvedEndpoint> {
    return (await this.#resolveConfig()).endpoint;
  }

  // The wire helpers take any operation name; the public methods keep the typing.
  get #untypedModel(): ServiceModel<OperationTypes> {
    return this.model as ServiceModel<OperationTypes>;
  }

  #resolveConfig(): Promise<ClientConfig> {
    this.#config ??= resolveClientConfig(this.service, this.#options).catch((error: unknown) => {
      this.#config = undefined;
      throw error;
    });
    return this.#config;
  }

  #readSuccess(action: string, response: HttpResponse) {
    try {
      return parseResponse(this.model as ServiceModel<any>, action, response.body);
    } catch (error) {
      if (error instanceof IamError) throw error;
      const excerpt = response.body.trim().slice(0, 200);
      throw new IamError({
        code: 'MalformedResponse',
        message: `HTTP ${response.status} ${action} response is not readable XML: ${excerpt}`,
        status: response.status,
        retryable: false,
        cause: error,
      });
    }
  }
}
