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
