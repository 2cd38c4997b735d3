import pino, { type Logger } from 'pino';

/**
 * Paths pino censors in every log line: credentials of callers and of IAM, in request
 * headers, errors and any logged object.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'authorization',
  'apiKey',
  'key',
  '*.password',
  '*.Password',
  '*.secretAccessKey',
  '*.SecretAccessKey',
  '*.sessionToken',
  '*.SessionToken',
  'password',
  'secretAccessKey',
  'sessionToken',
  'sigv4Secret',
  '*.sigv4Secret',
];

/**
 * The gateway's logger: pino, one JSON object a line, secrets redacted by path. Bodies of
 * create and rotate answers are never handed to it.
 *
 * @example
 * const logger = createLogger('info');
 * logger.info({ requestId, action: 'CreateUser' }, 'change done');
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'iam-bridge-gateway' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
