import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  inferScope,
  parseSigningDate,
  type QueryPlus,
  type SessionTokenMode,
  type SignableRequest,
  type SignOptions,
} from '@iam-bridge/sigv4';
import { usageError } from './cli-error.js';
import {
  addCredentialOptions,
  resolveCliCredentials,
  type CliCredentials,
  type CredentialFlags,
} from './credentials.js';
import { collect, parseHeaderArgument } from './header-arguments.js';
import type { OutputFlags } from './output.js';

/** The flags `sign`, `presign` and `explain` share, as commander hands them over. */
export interface SigningFlags extends CredentialFlags, OutputFlags {
  url: string;
  method?: string;
  header: string[];
  data?: string;
  dataFile?: string;
  region?: string;
  service?: string;
  date?: string;
  unsignedPayload?: boolean;
  sessionTokenMode?: SessionTokenMode;
  queryPlus?: QueryPlus;
  showSigningKey?: boolean;
}

/** A request and signing options ready for `signRequest` or `presignUrl`. */
export interface SigningInput {
  request: SignableRequest;
  options: SignOptions;
  credentials: CliCredentials;
}

/**
 * Adds the request, scope and credential flags that every signing command takes.
 *
 * @example addSigningOptions(program.command('sign')).action(...)
 */
export function addSigningOptions(command: Command): Command {
  command
    .requiredOption('--url <url>', 'absolute URL of the request')
    .option('--method <method>', 'HTTP method (default GET, or POST with a body)')
    .option('-H, --header <line>', "header 'Name: value' (repeatable)", collect, [])
    .addOption(
      new Option(
        '--data <body>',
        "request body; '@file' reads a file, '@-' stdin, as curl does",
      ).conflicts('dataFile'),
    )
    .option('--data-file <file>', 'read the request body from a file ("-" for stdin)')
    .option('--region <region>', 'signing region (default: from the host, else AWS_REGION)')
    .option('--service <service>', 'signing service (default: from the host)')
    .option('--date <date>', 'signing time: 20200718T211159Z or ISO 8601 (default now)')
    .option('--unsigned-payload', 'sign UNSIGNED-PAYLOAD instead of the body hash')
    .addOption(
      new Option('--session-token-mode <mode>', 'sign the session token, or append it after')
        .choices(['signed', 'appended'])
        .default('signed'),
    )
    .addOption(
      new Option('--query-plus <reading>', "a '+' in the URL's query: a space or a plus sign")
        .choices(['space', 'literal'])
        .default('space'),
    )
    .option('--show-signing-key', 'include the derived signing key (hex) in the output');
  return addCredentialOptions(command);
}

/**
 * Turns the flags into a request and signing options: headers parsed, the body read, the
 * credentials resolved; region and service left to inference from AWS host names unless given
 * (a host that implies no region falls back to `AWS_REGION`, then `AWS_DEFAULT_REGION`).
 *
 * @example const { request, options } = await readSigningInput(flags, process.env);
 */
export async function readSigningInput(
  flags: SigningFlags,
  env: NodeJS.ProcessEnv,
): Promise<SigningInput> {
  const headers = flags.header.map(parseHeaderArgument);
  const body = readBody(flags);
  const method = flags.method ?? (body === undefined ? 'GET' : 'POST');
  const credentials = await resolveCliCredentials(flags, env);

  const options: SignOptions = {
    credentials,
    sessionToken: flags.sessionTokenMode ?? 'signed',
    queryPlus: flags.queryPlus ?? 'space',
    exposeSigningKey: flags.showSigningKey === true,
  };
  const region = flags.region ?? fallbackRegion(flags.url, env);
  if (region !== undefined) options.region = region;
  if (flags.service !== undefined) options.service = flags.service;
  // An X-Amz-Date header is the signing time, as a person writing it expects; it is set from
  // the date signed with, so a different one given with --date is a contradiction.
  const headerDates = headers.filter(([name]) => name.toLowerCase() === 'x-amz-date');
  const headerDate = headerDates[0]?.[1];
  const given = [
    ...headerDates.map(([name, value]) => ({ text: `-H '${name}: ${value}'`, value })),
    ...(flags.date === undefined ? [] : [{ text: `--date ${flags.date}`, value: flags.date }]),
  ];
  // The same instant may be written two ways (20200718T211159Z, 2020-07-18T21:11:59Z).
  const instants = new Set(given.map(({ value }) => parseSigningDate(value).getTime()));
  if (instants.size > 1) {
    throw usageError(
      'UsageError',
      `${given.map(({ text }) => text).join(' and ')} name different times; give one`,
    );
  }
  const date = flags.date ?? headerDate;
  if (date !== undefined) options.date = date;
  if (flags.unsignedPayload) options.payload = 'unsigned';

  const request: SignableRequest = { method, url: flags.url, headers };
  if (body !== undefined) request.body = body;
  return { request, options, credentials };
}

function readBody(flags: SigningFlags): string | Uint8Array | undefined {
  // curl's habit: --data @file is the file's bytes (curl would also drop its newlines; a
  // signed body must be sent as it was signed, so the bytes are kept as they are).
  if (flags.data?.startsWith('@')) return readDataFile(flags.data.slice(1), '--data @');
  if (flags.data !== undefined) return flags.data;
  if (flags.dataFile === undefined) return undefined;
  return readDataFile(flags.dataFile, '--data-file ');
}

function readDataFile(path: string, flag: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path === '-' ? 0 : path));
  } catch (error) {
    throw usageError(
      'InvalidDataFile',
      `cannot read ${flag}${path}: ${(error as Error).message}`,
      error,
    );
  }
}

function fallbackRegion(url: string, env: NodeJS.ProcessEnv): string | undefined {
  const host = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1];
  if (host !== undefined && inferScope(host).region !== undefined) return undefined;
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}
