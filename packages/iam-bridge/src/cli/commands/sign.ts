import type { Command } from 'commander';
import { formatExplanation, signRequest, type SignedRequest } from '@iam-bridge/sigv4';
import { formatCurlCommand } from '../curl-command.js';
import { explanationFields, headerLines } from '../explanation-output.js';
import {
  addOutputOptions,
  outputFormat,
  printJson,
  printLines,
  printRecordTable,
} from '../output.js';
import { addSigningOptions, readSigningInput, type SigningFlags } from '../signing-input.js';

interface SignFlags extends SigningFlags {
  explain?: boolean;
  curl?: boolean;
}

/**
 * Registers `iam-bridge sign`: signs a request with an Authorization header and prints the
 * headers to send (or a curl command, the four steps, JSON).
 *
 * @example
 * registerSign(program);
 * // iam-bridge sign --url 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'
 */
export function registerSign(program: Command): void {
  const command = program
    .command('sign')
    .description('sign a request with an Authorization header; print the headers to send');
  addSigningOptions(command);
  addOutputOptions(command)
    .option('--explain', 'print the four signing steps before the result')
    .option('--curl', 'print a ready curl command instead of header lines')
    .action(async (flags: SignFlags) => {
      const { request, options } = await readSigningInput(flags, process.env);
      const signed = signRequest(request, options);
      printSigned(signed, flags);
    });
}

function printSigned(signed: SignedRequest, flags: SignFlags): void {
  const format = outputFormat(flags);
  const record = {
    method: signed.method,
    url: signed.url,
    headers: signed.headers,
    ...explanationFields(signed.explanation),
  };
  if (format === 'json') return printJson(record);
  if (format === 'table') return printRecordTable(record);

  if (flags.explain) process.stdout.write(formatExplanation(signed.explanation) + '\n');
  if (flags.curl) {
    printLines([
      formatCurlCommand({
        method: signed.method,
        url: signed.url,
        headers: signed.headers,
        data: flags.data,
        dataFile: flags.dataFile,
      }),
    ]);
  } else {
    printLines(headerLines(signed.headers));
  }
  if (flags.showSigningKey && !flags.explain) {
    process.stderr.write(`signing key: ${signed.explanation.signingKey}\n`);
  }
}
