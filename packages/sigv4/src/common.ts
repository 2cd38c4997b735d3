// The runtime-neutral public surface, shared by the Node and Web entry points.
export { signRequestAsync, presignUrlAsync } from './sign-web.js';
export { SigV4Error, type SigV4ErrorCode } from './errors.js';
export type {
  Credentials,
  SignOptions,
  PresignOptions,
  PayloadMode,
  ContentSha256Header,
  SessionTokenMode,
} from './sign-options.js';
export { MAX_EXPIRES, checkExpires } from './sign-options.js';
export type { SignableRequest } from './request-input.js';
export type { Explanation, SignedRequest, PresignedUrl } from './explanation.js';
export { formatExplanation } from './explanation.js';
export { SigningKeyCache } from './signing-key-cache.js';
export {
  ALGORITHM,
  EMPTY_PAYLOAD_HASH,
  UNSIGNED_PAYLOAD,
  credentialScope,
} from './credential-scope.js';
export { canonicalRequest, type CanonicalRequestParts } from './canonical-request.js';
export {
  canonicalUri,
  normalizePath,
  type PathEncoding,
  type PathNormalization,
} from './canonical-uri.js';
export {
  canonicalQuery,
  parseQuery,
  encodeQueryParams,
  type EncodedParam,
  type QueryPlus,
} from './canonical-query.js';
export {
  canonicalHeaders,
  canonicalHeaderValue,
  readHeaders,
  selectSignedHeaders,
  UNSIGNABLE_HEADERS,
  type HeadersInput,
  type HeaderSelection,
} from './canonical-headers.js';
export { uriEncode, uriDecode, reencodeComponent } from './uri-encoding.js';
export { parseSigningDate, toAmzDate, fromAmzDate, type DateInput } from './signing-date.js';
export { inferScope, type InferredScope } from './endpoint-inference.js';
export { verifyRequestAsync } from './verify-request-async.js';
export type {
  VerifyResult,
  VerifySuccess,
  VerifyFailure,
  VerifyErrorCode,
  VerifiedScope,
} from './verify-errors.js';
export type {
  VerifiableRequest,
  VerifyCredentials,
  VerifyOptions,
  VerifyOptionsAsync,
} from './verify-options.js';
export { DEFAULT_CLOCK_SKEW_MS } from './verify-options.js';
