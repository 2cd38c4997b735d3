import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  parseSigningDate,
  verifyRequest,
  type Credentials,
  type VerifyFailure,
  type VerifyResult,
  type VerifySuccess,
} from '@iam-bridge/sigv4';
import { refusal, usageError } from '../cli-error.js';
import { resolveCliCredentials } from '../credentials.js';
import { collect } from '../header-arguments.js';
import {
  addOutputOptions,
  outputFormat,
  printJson,
  printLines,
  printRecordTable,
} from '../output.js';
import { parseRawRequest, type RawRequest } from '../raw-request.js';

interface VerifyFlags {
  requestFile: string;
  credentials: string[];
  profile?: string;
  now?: string;
  service: string;
  region: string;
  showCanonical?: boolean;
  json?: boolean;
  output?: 'text' | 'json' | 'table';
}

/**
 * Registers `iam-bridge verify`: reads a raw HTTP/1.1 request from a file and checks its SigV4
 * signature (header or presigned) as AWS would; exit 0 when it holds, 1 when it is refused.
 *
 * @example
 * registerVerify(program);
 * // iam-bridge verify --request-file req.http --credentials AKID:SECRET --service iam \
 * //   --region us-east-1 --now 2015-08-30T12:36:00Z
 */
export function registerVerify(program: Command): void {
  const command = program
    .command('verify')
    .description('verify the SigV4 signature of a raw HTTP request read from a file')
    .requiredOption('--request-file <file>', 'raw HTTP/1.1 request ("-" for stdin)')
    .option(
      '--credentials <akid:secret[:token]>',
      'a key the request may be signed with (repeatable; else the environment or --profile)',
      collect,
      [],
    )
    .option('--profile <name>', 'take the key from this profile in the shared AWS files')
    .requiredOption('--service <service>', 'service the request must be signed for')
    .requiredOption(
      '--region <region>',
      'region the request must be signed for (a comma-separated list allows several)',
    )
    .option('--now <date>', 'verify as if the time were this (ISO 8601 or 20150830T123600Z)')
    .option('--show-canonical', 'on a mismatch, print the canonical request the server computed');
  addOutputOptions(command).action(async (flags: VerifyFlags) => {
    const request = readRequestFile(flags.requestFile);
    const keys = await readKeys(flags);
    const now = flags.now === undefined ? new Date() : parseSigningDate(flags.now);
    const result = verify(request, keys, flags, now);
    printResult(result, flags, finalNewlineHint(request, result, keys, flags, now));
  });
}

/**
 * Reads `--credentials AKID:SECRET[:TOKEN]`. Secret keys hold no colon, so the first two
 * colons split the parts and the rest is the session token.
 *
 * @example
 * parseCredentialArgument('AKID:SECRET') // { accessKeyId: 'AKID', secretAccessKey: 'SECRET' }
 */
export function parseCredentialArgument(text: string): Credentials {
  const first = text.indexOf(':');
  const second = first === -1 ? -1 : text.indexOf(':', first + 1);
  const accessKeyId = text.slice(0, first);
  const secretAccessKey = second === -1 ? text.slice(first + 1) : text.slice(first + 1, second);
  if (first <= 0 || secretAccessKey === '') {
    throw usageError('InvalidCredentials', '--credentials must be ACCESS_KEY_ID:SECRET[:TOKEN]');
  }
  const sessionToken = second === -1 ? '' : text.slice(second + 1);
  return sessionToken
    ? { accessKeyId, secretAccessKey, sessionToken }
    : { accessKeyId, secretAccessKey };
}

async function readKeys(flags: VerifyFlags): Promise<Map<string, Credentials>> {
  const list =
    flags.credentials.length > 0
      ? flags.credentials.map(parseCredentialArgument)
      : [await resolveCliCredentials({ profile: flags.profile }, process.env)];
  return new Map(list.map((credentials) => [credentials.accessKeyId, credentials]));
}

function readRequestFile(path: string): RawRequest {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path === '-' ? 0 : path));
  } catch (error) {
    throw usageError(
      'InvalidRequestFile',
      `cannot read --request-file ${path}: ${(error as Error).message}`,
      error,
    );
  }
  return parseRawRequest(bytes);
}

function verify(
  request: RawRequest,
  keys: Map<string, Credentials>,
  flags: VerifyFlags,
  now: Date,
): VerifyResult {
  return verifyRequest(request, {
    lookupCredentials: (accessKeyId) => keys.get(accessKeyId),
    service: flags.service,
    region: flags.region.split(',').map((region) => region.trim()),
    now,
    includeCanonicalInError: flags.showCanonical === true,
  });
}

// A request file written in an editor often ends in a line break the request never had: when
// the signature fits the body without it, say so rather than leave a bare mismatch.
function finalNewlineHint(
  request: RawRequest,
  result: VerifyResult,
  keys: Map<string, Credentials>,
  flags: VerifyFlags,
  now: Date,
): string | undefined {
  if (result.ok || result.code !== 'SignatureDoesNotMatch') return undefined;
  const { body } = request;
  let end = body.length;
  while (end > 0 && (body[end - 1] === 0x0a || body[end - 1] === 0x0d)) end--;
  if (end === body.length) return undefined;
  const trimmed = verify({ ...request, body: body.subarray(0, end) }, keys, flags, now);
  if (!trimmed.ok) return undefined;
  return (
    'the signature matches the body without the line break(s) at its end: the file has ' +
    'what the request did not (remove them, or give the body length in Content-Length)'
  );
}

function printResult(result: VerifyResult, flags: VerifyFlags, hint?: string): void {
  const format = outputFormat(flags);
  const record = result.ok ? successRecord(result) : { ...result, message: firstParagraph(result) };
  if (format === 'json') printJson(record);
  else if (format === 'table') printRecordTable(record);
  else if (result.ok) {
    printLines(['ok', `accessKeyId: ${result.accessKeyId}`, `credentialScope: ${scopeOf(result)}`]);
  } else if (result.canonicalRequest !== undefined) {
    printLines([
      'canonical request (computed by the verifier):',
      result.canonicalRequest,
      '',
      'string to sign:',
      result.stringToSign ?? '',
    ]);
  }

  if (!result.ok) {
    throw refusal(result.code, firstParagraph(result) + (hint === undefined ? '' : `; ${hint}`));
  }
}

function successRecord(result: VerifySuccess) {
  return {
    ok: true,
    accessKeyId: result.accessKeyId,
    credentialScope: scopeOf(result),
    mode: result.mode,
    sessionToken: result.sessionToken,
    signedHeaders: result.signedHeaders,
  };
}

function scopeOf(result: VerifySuccess): string {
  const { date, region, service } = result.credentialScope;
  return `${date}/${region}/${service}/aws4_request`;
}

// A mismatch message asked for with --show-canonical carries the canonical request after a
// blank line; the error line keeps only AWS's sentence, the rest is printed on stdout.
function firstParagraph(result: VerifyFailure): string {
  return result.message.split(/\n\s*\n/)[0];
}
