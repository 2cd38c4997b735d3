import { Option, type Command } from 'commander';
import { formatExplanation, presignUrl, type PresignedUrl } from '@iam-bridge/sigv4';
import { usageError } from '../cli-error.js';
import { formatCurlCommand } from '../curl-command.js';
import { explanationFields } from '../explanation-output.js';
import {
  addOutputOptions,
  outputFormat,
  printJson,
  printLines,
  printRecordTable,
} from '../output.js';
import { addSigningOptions, readSigningInput, type SigningFlags } from '../signing-input.js';

interface PresignFlags extends SigningFlags {
  expires: string;
  explain?: boolean;
  curl?: boolean;
}

/**
 * Registers `iam-bridge presign`: builds a presigned URL (query-string authentication) and
 * prints it.
 *
 * @example
 * registerPresign(program);
 * // iam-bridge presign --url 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'
 */
export function registerPresign(program: Command): void {
  const command = program
    .command('presign')
    .description('presign a URL (query-string authentication); print the URL');
  addSigningOptions(command);
  addOutputOptions(command)
    .addOption(
      new Option('--expires <seconds>', 'seconds the URL stays valid, 1 to 604800').default('900'),
    )
    .option('--explain', 'print the four signing steps before the URL')
    .option('--curl', 'print a ready curl command instead of the URL')
    .action(async (flags: PresignFlags) => {
      const expiresIn = parseExpires(flags.expires);
      const { request, options } = await readSigningInput(flags, process.env);
      printPresigned(presignUrl(request, { ...options, expiresIn }), flags);
    });
}

/**
 * Reads `--expires`: whole seconds from 1 to 604800 (seven days), as AWS accepts.
 *
 * @example parseExpires('30') // 30
 */
export function parseExpires(text: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 1 && seconds <= 604800)) {
    throw usageError(
      'InvalidExpires',
      `--expires must be whole seconds from 1 to 604800 (7 days), got ${JSON.stringify(text)}`,
    );
  }
  return seconds;
}

function printPresigned(presigned: PresignedUrl, flags: PresignFlags): void {
  const format = outputFormat(flags);
  const record = {
    url: presigned.url,
    method: presigned.method,
    headers: presigned.headers,
    ...explanationFields(presigned.explanation),
    signedAt: presigned.signedAt.toISOString(),
    expiresIn: presigned.expiresIn,
    expiresAt: presigned.expiresAt.toISOString(),
  };
  if (format === 'json') return printJson(record);
  if (format === 'table') return printRecordTable(record);

  if (flags.explain) process.stdout.write(formatExplanation(presigned.explanation) + '\n');
  if (flags.curl) {
    printLines([
      formatCurlCommand({
        method: presigned.method,
        url: presigned.url,
        headers: withoutHost(presigned.headers),
        data: flags.data,
        dataFile: flags.dataFile,
      }),
    ]);
  } else {
    printLines([presigned.url]);
  }
  if (flags.showSigningKey && !flags.explain) {
    process.stderr.write(`signing key: ${presigned.explanation.signingKey}\n`);
  }
}

function withoutHost(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'host'));
}
