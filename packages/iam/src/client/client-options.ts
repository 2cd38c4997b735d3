import type { CredentialProvider, AwsCredentials } from '../credentials/credentials.js';
import type { Environment } from '../endpoints/resolve-endpoint.js';
import type { PartitionName } from '../endpoints/partitions.js';
import type { FetchFunction } from '../transport/http-transport.js';
import type { RetryOptions } from '../retry/backoff.js';

/**
 * The logger a client reports to; pino's `logger.debug(fields, message)` shape fits.
 * Fields hold the action, attempt, status and request id, never credentials.
 *
 * @example
 * const logger: ClientLogger = pino();
 */
export interface ClientLogger {
  debug?(fields: object, message?: string): void;
  info?(fields: object, message?: string): void;
  warn?(fields: object, message?: string): void;
}

/** How the Query parameters travel: a form body (default) or the URL's query. */
export type HttpMethod = 'POST' | 'GET';

/**
 * Options of `IamClient`, `StsClient` and their `QueryClient` core.
 *
 * @example
 * const client = new IamClient({ profile: 'admin', maxAttempts: 3, timeoutMs: 10_000 });
 */
export interface QueryClientOptions {
  /** Credentials or a provider; default the chain: environment, then the profile files. */
  credentials?: AwsCredentials | CredentialProvider;
  /** The profile for credentials, region and endpoint_url; default `AWS_PROFILE`. */
  profile?: string;
  /**
   * For IAM only the partition follows from it (`cn-*`, `us-gov-*`); for STS it picks the
   * regional endpoint. Default `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's region.
   */
  region?: string;
  partition?: PartitionName;
  /** The endpoint URL (the CLI's `--endpoint-url`); wins over env and profile settings. */
  endpoint?: string;
  /** Region to sign with; default the partition's (us-east-1 for IAM). */
  signingRegion?: string;
  useFipsEndpoint?: boolean;
  /** Attempts in all, the first included; default 5. */
  maxAttempts?: number;
  /** Backoff settings and test hooks; `maxAttempts` above wins over `retry.maxAttempts`. */
  retry?: RetryOptions;
  /** Per attempt: connect, headers and body; default 30 s. */
  timeoutMs?: number;
  /** Default `POST` with a form body. */
  httpMethod?: HttpMethod;
  /** Milliseconds to add to the local clock when signing; learned on skew errors. */
  clockOffsetMs?: number;
  logger?: ClientLogger;
  fetch?: FetchFunction;
  /** Environment variables to read; default `process.env`. */
  env?: Environment;
}

/**
 * Options of one call.
 *
 * @example
 * await client.send('ListUsers', {}, { signal: AbortSignal.timeout(5_000) });
 */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per attempt; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
}

/**
 * The arguments after the action name: the input is optional when no member is required.
 *
 * @example
 * type Args = CallArgs<{ UserName: string }>; // [input: { UserName: string }, options?]
 */
export type CallArgs<Input> = {} extends Input
  ? [input?: Input, options?: CallOptions]
  : [input: Input, options?: CallOptions];

/**
 * A call's result with what came with it.
 *
 * @example
 * const { result, requestId, attempts } = await client.sendDetailed('GetUser');
 */
export interface DetailedResult<Output> {
  result: Output;
  requestId?: string;
  status: number;
  attempts: number;
}

/**
 * Options of `presignAction`.
 *
 * @example
 * await client.presignAction('GetUser', {}, { expiresIn: 60 });
 */
export interface PresignActionOptions {
  /** Seconds, 1 to 604800; default 900. */
  expiresIn?: number;
  /** Signing time; default now plus the client's clock offset. */
  date?: Date | string | number;
}

/**
 * A presigned action URL: a GET with every parameter and the signature in the query.
 *
 * @example
 * const { url, expiresAt } = await client.presignAction('ListUsers', {}, { expiresIn: 60 });
 * await fetch(url);
 */
export interface PresignedAction {
  url: string;
  signedAt: Date;
  expiresAt: Date;
}
