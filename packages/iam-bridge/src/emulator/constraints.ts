import type { Constraint } from './validation.js';

/**
 * The constraints of the IAM API model's shared types, named as the model names them.
 * Patterns are anchored here; `patternText` is what AWS prints in its messages.
 *
 * @example
 * validateInput(input, [{ member: 'UserName', constraint: iamTypes.userNameType }]);
 */
export const iamTypes = {
  userNameType: {
    type: 'string',
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    patternText: '[\\w+=,.@-]+',
  },
  existingUserNameType: {
    type: 'string',
    min: 1,
    max: 128,
    pattern: /^[\w+=,.@-]+$/,
    patternText: '[\\w+=,.@-]+',
  },
  groupNameType: {
    type: 'string',
    min: 1,
    max: 128,
    pattern: /^[\w+=,.@-]+$/,
    patternText: '[\\w+=,.@-]+',
  },
  policyNameType: {
    type: 'string',
    min: 1,
    max: 128,
    pattern: /^[\w+=,.@-]+$/,
    patternText: '[\\w+=,.@-]+',
  },
  // AWS's reference documents the upper bound of paths as DEL (\u007F).
  pathType: {
    type: 'string',
    min: 1,
    max: 512,
    pattern: /^(?:\/|\/[\u0021-\u007F]+\/)$/,
    patternText: '(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)',
  },
  policyPathType: {
    type: 'string',
    min: 1,
    max: 512,
    pattern: /^(?:(?:\/[A-Za-z0-9.,+@=_-]+)*)\/$/,
    patternText: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/',
  },
  pathPrefixType: {
    type: 'string',
    min: 1,
    max: 512,
    pattern: /^\/[\u0021-\u007F]*$/,
    patternText: '\\u002F[\\u0021-\\u007F]*',
  },
  arnType: { type: 'string', min: 20, max: 2048 },
  markerType: {
    type: 'string',
    min: 1,
    max: 320,
    pattern: /^[\u0020-\u00FF]+$/,
    patternText: '[\\u0020-\\u00FF]+',
  },
  maxItemsType: { type: 'integer', min: 1, max: 1000 },
  accessKeyIdType: {
    type: 'string',
    min: 16,
    max: 128,
    pattern: /^[\w]+$/,
    patternText: '[\\w]+',
  },
  statusType: { type: 'enum', values: ['Active', 'Inactive'] },
  policyDocumentType: {
    type: 'string',
    min: 1,
    max: 131072,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  passwordType: {
    type: 'string',
    min: 1,
    max: 128,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  policyDescriptionType: { type: 'string', max: 1000 },
  policyVersionIdType: {
    type: 'string',
    pattern: /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/,
    patternText: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?',
  },
  serialNumberType: {
    type: 'string',
    min: 9,
    max: 256,
    pattern: /^[\w+=/:,.@-]+$/,
    patternText: '[\\w+=/:,.@-]+',
  },
  virtualMFADeviceName: {
    type: 'string',
    min: 1,
    max: 226,
    pattern: /^[\w+=,.@-]+$/,
    patternText: '[\\w+=,.@-]+',
  },
  authenticationCodeType: {
    type: 'string',
    min: 6,
    max: 6,
    pattern: /^[\d]+$/,
    patternText: '[\\d]+',
  },
  publicKeyIdType: {
    type: 'string',
    min: 20,
    max: 128,
    pattern: /^[\w]+$/,
    patternText: '[\\w]+',
  },
  publicKeyMaterialType: {
    type: 'string',
    min: 1,
    max: 16384,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  encodingType: { type: 'enum', values: ['SSH', 'PEM'] },
  certificateBodyType: {
    type: 'string',
    min: 1,
    max: 16384,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  certificateIdType: {
    type: 'string',
    min: 24,
    max: 128,
    pattern: /^[\w]+$/,
    patternText: '[\\w]+',
  },
  serviceName: { type: 'string' },
  serviceSpecificCredentialId: {
    type: 'string',
    min: 20,
    max: 128,
    pattern: /^[\w]+$/,
    patternText: '[\\w]+',
  },
  tagKeyType: {
    type: 'string',
    min: 1,
    max: 128,
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
    patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
  },
  tagValueType: {
    type: 'string',
    min: 0,
    max: 256,
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
  },
  booleanType: { type: 'boolean' },
} satisfies Record<string, Constraint>;

/**
 * The paging members every List action shares.
 *
 * @example
 * validateInput(input, [...pagingRules, { member: 'PathPrefix', constraint: ... }]);
 */
export const pagingRules = [
  { member: 'Marker', constraint: iamTypes.markerType },
  { member: 'MaxItems', constraint: iamTypes.maxItemsType },
] as const;
