// @iam-bridge/sigv4 on Node: synchronous signing on node:crypto, plus the asynchronous Web Crypto
// signer (also available without any Node import from '@iam-bridge/sigv4/web').
export { signRequest, presignUrl } from './sign.js';
export { verifyRequest } from './verify-request.js';
export * from './common.js';
