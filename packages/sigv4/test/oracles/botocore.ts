// Runs botocore as a signing oracle: one python process per batch, JSON in, JSON out.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One request for botocore to sign, in the oracle script's input form. */
export interface BotocoreRequest {
  id: string;
  signer: 'SigV4Auth' | 'S3SigV4Auth' | 'SigV4QueryAuth' | 'S3SigV4QueryAuth';
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
  service: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  amzDate: string;
  expires: number | null;
}

/** What botocore computed for one request, or why it could not. */
export interface BotocoreResult {
  id: string;
  canonicalRequest?: string;
  stringToSign?: string;
  signature?: string;
  authorization?: string | null;
  url?: string;
  error?: string;
}

const script = fileURLToPath(new URL('./botocore_sigv4.py', import.meta.url));

/**
 * Why botocore cannot be used here, or undefined when python3 can import it.
 *
 * @example const missing = botocoreMissing(); if (missing) t.skip(missing);
 */
export function botocoreMissing(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not available (${probe.error.message})`;
  if (probe.status !== 0) return `python3 cannot import botocore: ${probe.stderr.trim()}`;
  return undefined;
}

/**
 * Signs every request with botocore in a single python process; results keyed by id.
 *
 * @example const results = signWithBotocore([request]); results.get(request.id)?.signature
 */
export function signWithBotocore(batch: BotocoreRequest[]): Map<string, BotocoreResult> {
  const run = spawnSync('python3', [script], {
    input: JSON.stringify(batch),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`botocore oracle failed: ${run.stderr || run.error}`);
  const results = JSON.parse(run.stdout) as BotocoreResult[];
  return new Map(results.map((result) => [result.id, result]));
}
