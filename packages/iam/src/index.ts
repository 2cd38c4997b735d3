export { IamError, isRetryableError, RETRYABLE_ERROR_CODES } from './errors.js';
export type { ErrorFault, IamErrorOptions, ParsedErrorResponse } from './errors.js';
export { iamModel } from './generated/iam-model.js';
export { stsModel } from './generated/sts-model.js';
export type * from './generated/iam-types.js';
// STS shares shape names (Tag, ...) with IAM, so its types live under a namespace.
export type * as Sts from './generated/sts-types.js';
export type { StsOperations } from './generated/sts-types.js';
export { findOperation, findShape, memberWireName } from './protocol/service-model.js';
export type {
  InputArgument,
  OperationInput,
  OperationModel,
  OperationOutput,
  OperationName,
  OperationTypes,
  PaginatorModel,
  ServiceModel,
  ShapeModel,
  ShapeType,
} from './protocol/service-model.js';
export { serializeQuery } from './protocol/query-serializer.js';
export type { QueryPairs } from './protocol/query-serializer.js';
export { decodeForm, encodeForm, percentEncode } from './protocol/form-encoding.js';
export { parseQueryParams } from './protocol/query-parser.js';
export type { QueryValidation } from './protocol/query-parser.js';
export { checkConstraints, compilePattern, throwIfInvalid } from './protocol/constraint-check.js';
export { parseErrorResponse, parseResponse } from './protocol/xml-parser.js';
export { parseXml } from './protocol/xml-document.js';
export type { XmlNode } from './protocol/xml-document.js';
export type { ParsedResponse } from './protocol/xml-parser.js';
export {
  escapeXml,
  IAM_XML_NAMESPACE,
  writeErrorResponse,
  writeResponse,
} from './protocol/xml-writer.js';
export type { ErrorResponseFields } from './protocol/xml-writer.js';
export {
  decodePolicyDocument,
  encodePolicyDocument,
  isPolicyDocumentShape,
  POLICY_DOCUMENT_SHAPES,
} from './protocol/policy-document.js';
export {
  decodeBase64,
  encodeBase64,
  formatTimestamp,
  parseTimestamp,
} from './protocol/wire-scalars.js';
export { QueryClient, DEFAULT_TIMEOUT_MS } from './client/query-client.js';
export { IamClient } from './client/iam-client.js';
export { StsClient } from './client/sts-client.js';
export type { ActionMethods } from './client/action-proxy.js';
export type {
  CallArgs,
  CallOptions,
  ClientLogger,
  DetailedResult,
  HttpMethod,
  PresignActionOptions,
  PresignedAction,
  QueryClientOptions,
} from './client/client-options.js';
export { FORM_CONTENT_TYPE } from './client/signed-request.js';
export { checkCredentials, describeCredentials } from './credentials/credentials.js';
export type { AwsCredentials, CredentialProvider } from './credentials/credentials.js';
export { fromStatic } from './credentials/static-provider.js';
export { fromEnv } from './credentials/env-provider.js';
export { fromProfile } from './credentials/profile-provider.js';
export type { ProfileOptions } from './credentials/profile-provider.js';
export { fromAssumeRole } from './credentials/assume-role-provider.js';
export type { AssumeRoleOptions } from './credentials/assume-role-provider.js';
export { fromProcess } from './credentials/process-provider.js';
export { memoizeProvider } from './credentials/memoize.js';
export type { MemoizeOptions } from './credentials/memoize.js';
export { defaultCredentialProvider } from './credentials/default-chain.js';
export type { DefaultChainOptions } from './credentials/default-chain.js';
export { parseIni } from './credentials/ini-parser.js';
export type { IniSections, IniValue } from './credentials/ini-parser.js';
export {
  loadSharedConfig,
  profileEndpointUrl,
  profileValue,
  selectedProfile,
  sharedFilePaths,
} from './credentials/shared-config.js';
export type { Profile, SharedConfig } from './credentials/shared-config.js';
export { resolveEndpoint } from './endpoints/resolve-endpoint.js';
export type {
  EndpointInput,
  EndpointSource,
  Environment,
  ResolvedEndpoint,
} from './endpoints/resolve-endpoint.js';
export {
  checkRegion,
  findPartition,
  PARTITIONS,
  partitionOfRegion,
} from './endpoints/partitions.js';
export type { Partition, PartitionName, ServiceName } from './endpoints/partitions.js';
export { sendHttp } from './transport/http-transport.js';
export type {
  FetchFunction,
  HttpRequest,
  HttpResponse,
  TransportOptions,
} from './transport/http-transport.js';
export { backoffDelay, resolveRetryOptions, sleep } from './retry/backoff.js';
export type { ResolvedRetryOptions, RetryOptions } from './retry/backoff.js';
export { clockOffsetFrom, isClockSkewError, MIN_SKEW_MS } from './retry/clock-skew.js';
export { all, findPaginator, paginate, paginateItems } from './pagination/paginate.js';
export type {
  PageSource,
  PaginatedName,
  PaginateOptions,
  ResultItem,
  ResultKey,
} from './pagination/paginate.js';
export type { IamCaller, IamOperationName, SendOptions } from './lifecycle/iam-caller.js';
export { LifecycleError, hasErrorCode } from './lifecycle/lifecycle-error.js';
export type { LifecycleErrorCode, LifecycleErrorOptions } from './lifecycle/lifecycle-error.js';
export { describeDependents } from './lifecycle/user-dependent.js';
export type { DependentKind, UserDependent } from './lifecycle/user-dependent.js';
export { normalizeUserSpec } from './lifecycle/user-spec.js';
export type { LoginProfileSpec, NormalizedUserSpec, UserSpec } from './lifecycle/user-spec.js';
export {
  AWS_DEFAULT_PASSWORD_POLICY,
  generatePassword,
  readPasswordPolicy,
} from './lifecycle/password-generation.js';
export { compareUserSpec, describeUser } from './lifecycle/user-description.js';
export type { UserDescription } from './lifecycle/user-description.js';
export { listUserDependents } from './lifecycle/user-dependents.js';
export type { UserInventory } from './lifecycle/user-dependents.js';
export { createUser } from './lifecycle/create-user.js';
export type { CreateUserOptions, CreateUserResult } from './lifecycle/create-user.js';
export { deleteUser } from './lifecycle/delete-user.js';
export type { DeleteUserOptions, DeleteUserResult } from './lifecycle/delete-user.js';
export { rotateAccessKey } from './lifecycle/rotate-access-key.js';
export type {
  RotateAccessKeyOptions,
  RotateAccessKeyResult,
} from './lifecycle/rotate-access-key.js';
export { waitUntilKeyUsable } from './lifecycle/key-usability.js';
export type { AccessKeyCredentials } from './lifecycle/key-usability.js';
export { parseCsv } from './lifecycle/bulk/csv.js';
export type { CsvRecord } from './lifecycle/bulk/csv.js';
export { CSV_COLUMNS, formatOfFile, parseBulkFile } from './lifecycle/bulk/input-file.js';
export type { BulkFileFormat, BulkRow } from './lifecycle/bulk/input-file.js';
export { openJournal } from './lifecycle/bulk/journal.js';
export type { Journal, JournalRecord, JournalState } from './lifecycle/bulk/journal.js';
export { DEFAULT_IAM_RATE, rateLimited, TokenBucket } from './lifecycle/bulk/rate-limiter.js';
export { addToReport, isCleanReport } from './lifecycle/bulk/bulk-report.js';
export type {
  BulkItemEvent,
  BulkItemStatus,
  BulkOperation,
  BulkReport,
  BulkReportItem,
} from './lifecycle/bulk/bulk-report.js';
export { runBulk } from './lifecycle/bulk/bulk-runner.js';
export type { BulkOptions } from './lifecycle/bulk/bulk-runner.js';
