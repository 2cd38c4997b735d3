// @iam-bridge/sigv4 for browsers and workers: nothing here imports a Node module.
export * from './common.js';
