import type { Command } from 'commander';
import { formatExplanation, presignUrl, signRequest, type Explanation } from '@iam-bridge/sigv4';
import { explanationFields } from '../explanation-output.js';
import { addOutputOptions, outputFormat, printJson, printRecordTable } from '../output.js';
import { addSigningOptions, readSigningInput, type SigningFlags } from '../signing-input.js';
import { parseExpires } from './presign.js';

interface ExplainFlags extends SigningFlags {
  presign?: boolean;
  expires?: string;
}

/**
 * Registers `iam-bridge explain`: signs (or with `--presign`, presigns) a request and prints
 * only the four steps: canonical request, string to sign, signing key, signature.
 *
 * @example
 * registerExplain(program);
 * // iam-bridge explain --url https://iam.amazonaws.com/ --date 20150830T123600Z
 */
export function registerExplain(program: Command): void {
  const command = program
    .command('explain')
    .description('print the four SigV4 steps for a request, without the result');
  addSigningOptions(command);
  addOutputOptions(command)
    .option('--presign', 'explain query-string (presigned URL) signing instead of headers')
    .option('--expires <seconds>', 'with --presign: seconds the URL stays valid', '900')
    .action(async (flags: ExplainFlags) => {
      const expiresIn = parseExpires(flags.expires ?? '900');
      const { request, options } = await readSigningInput(flags, process.env);
      const explanation = flags.presign
        ? presignUrl(request, { ...options, expiresIn }).explanation
        : signRequest(request, options).explanation;
      printExplanation(explanation, flags);
    });
}

function printExplanation(explanation: Explanation, flags: ExplainFlags): void {
  const format = outputFormat(flags);
  const record = {
    mode: explanation.mode,
    ...explanationFields(explanation),
    canonicalRequestParts: explanation.canonicalRequestParts,
    canonicalRequestHash: explanation.canonicalRequestHash,
  };
  if (format === 'json') return printJson(record);
  if (format === 'table') return printRecordTable(record);
  process.stdout.write(formatExplanation(explanation));
}
