// Helpers for tests that talk to a running emulator over HTTP: signed Query calls made with
// our own signer, the AWS CLI and boto3 as independent clients, and temporary data files.
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodeForm, parseErrorResponse } from '@iam-bridge/iam';
import { presignUrl, signRequest } from '@iam-bridge/sigv4';

import { defaultRootCredentials } from '../../src/emulator/index.js';

/** A key pair as the signer takes it. */
export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the emulator answered, with the error's code and message when it is one. */
export interface Answer {
  status: number;
  body: string;
  headers: Headers;
  code?: string;
  message?: string;
  type?: string;
}

/** How to sign and send one Query call. */
export interface CallOptions {
  credentials?: Keys;
  method?: 'POST' | 'GET';
  service?: string;
  region?: string;
  /** Signing time; default now. */
  date?: Date;
  path?: string;
  version?: string;
}

/** Sends one header-signed Query call; parameters after Action and Version, in order. */
export async function call(
  baseUrl: string,
  action: string,
  params: Record<string, string> = {},
  options: CallOptions = {},
): Promise<Answer> {
  const service = options.service ?? (action === 'GetCallerIdentity' ? 'sts' : 'iam');
  const version = options.version ?? (service === 'sts' ? '2011-06-15' : '2010-05-08');
  const pairs: Array<[string, string]> = [
    ['Action', action],
    ['Version', version],
    ...Object.entries(params),
  ];
  const url = new URL(options.path ?? '/', baseUrl);
  const method = options.method ?? 'POST';
  const form = encodeForm(pairs);
  const request =
    method === 'GET'
      ? { method, url: `${url.href}?${form}` }
      : {
          method,
          url: url.href,
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          body: form,
        };
  const signed = signRequest(request, {
    credentials: options.credentials ?? defaultRootCredentials,
    region: options.region ?? 'us-east-1',
    service,
    ...(options.date ? { date: options.date } : {}),
  });
  return send(signed.url.toString(), method, signed.headers, signed.body);
}

/** Builds a presigned GET URL for a Query call, as people do by hand. */
export function presignCall(
  baseUrl: string,
  action: string,
  params: Record<string, string>,
  options: { credentials?: Keys; date?: Date; expiresIn?: number } = {},
): string {
  const query = { Action: action, Version: '2010-05-08', ...params };
  const presigned = presignUrl(
    { method: 'GET', url: `${baseUrl}/`, query },
    {
      credentials: options.credentials ?? defaultRootCredentials,
      region: 'us-east-1',
      service: 'iam',
      expiresIn: options.expiresIn ?? 300,
      ...(options.date ? { date: options.date } : {}),
    },
  );
  return presigned.url.toString();
}

/** Sends a request as given and reads the answer, with the error fields when it is one. */
export async function send(
  url: string,
  method = 'GET',
  headers: Record<string, string> = {},
  body?: string | Uint8Array,
): Promise<Answer> {
  const sendable = { ...headers };
  delete sendable.host;
  const response = await fetch(url, {
    method,
    headers: sendable,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const answer: Answer = { status: response.status, body: text, headers: response.headers };
  if (response.status >= 300) {
    const error = parseErrorResponse(response.status, text);
    answer.code = error.code;
    answer.message = error.message;
    answer.type = error.type;
  }
  return answer;
}

/** The text of the first element with this name, XML entities decoded. */
export function xmlText(xml: string, element: string): string | undefined {
  const match = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml);
  if (!match) return undefined;
  return match[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#13;/g, '\r')
    .replace(/&amp;/g, '&');
}

/** Why an outside client cannot be used, or undefined; under CI=true a missing one fails. */
export function toolUnavailable(command: string, args: string[], install: string) {
  const probe = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  if (probe.error === undefined && probe.status === 0) return undefined;
  const reason = `${command} is not available (${install})`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true needs it`);
  return reason;
}

/** The result of one `aws` run. */
export interface AwsResult {
  code: number;
  stdout: string;
  stderr: string;
  json?: any;
}

/** Runs the AWS CLI against an endpoint with these keys and no configuration files. */
export function aws(endpoint: string, args: string[], keys: Keys = defaultRootCredentials) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
  return new Promise<AwsResult>((resolve) => {
    execFile(
      'aws',
      ['--endpoint-url', endpoint, '--output', 'json', ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const result: AwsResult = { code, stdout, stderr };
        if (code === 0 && stdout.trim() !== '') result.json = JSON.parse(stdout);
        resolve(result);
      },
    );
  });
}

/** The exit code the AWS CLI gives for an error the service answered: 255 in v1, 254 in v2. */
export function awsServiceErrorExitCode(): number {
  const version = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return /aws-cli\/1\./.test(`${version.stdout}${version.stderr}`) ? 255 : 254;
}

/** Runs a python3 script (written to `dir`) with arguments; resolves with its JSON output. */
export function runPython(dir: string, script: string, args: string[]): Promise<any> {
  const file = join(dir, 'script.py');
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    execFile('python3', [file, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`python3 failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}
