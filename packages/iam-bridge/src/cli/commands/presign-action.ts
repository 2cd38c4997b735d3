import { Option, type Command } from 'commander';
import type { PresignActionOptions } from '@iam-bridge/iam';
import { addActionInputOptions, readActionInput, type ActionInputFlags } from '../action-input.js';
import {
  addIamOptions,
  createCliClients,
  iamAction,
  iamOutputFormat,
  type IamCommandFlags,
} from '../iam-options.js';
import { printJson, printLines, printRecordTable } from '../output.js';
import { parseExpires } from './presign.js';

interface PresignActionFlags extends IamCommandFlags, ActionInputFlags {
  expires: string;
}

/**
 * Registers `iam-bridge presign-action`: presigns any IAM (or STS) action as a GET URL with
 * every parameter and the signature in the query, for the resolved endpoint and its signing
 * region (us-east-1 for IAM). Prints the URL; `--output json` prints `url`, `signedAt`,
 * `expiresIn` and `expiresAt`. Input as for `call`, checked before signing.
 *
 * @example
 * registerPresignAction(program);
 * // iam-bridge presign-action GetUser UserName=ana --expires 60
 * // curl "$(iam-bridge presign-action ListUsers --endpoint-url http://127.0.0.1:4566)"
 */
export function registerPresignAction(program: Command): void {
  const command = program
    .command('presign-action')
    .description('print a presigned GET URL for any IAM action (STS with --service sts)')
    .argument('<action>', 'action name, e.g. ListUsers')
    .argument('[params...]', 'input as Name=Value in the Query form, e.g. UserName=ana')
    .addOption(
      new Option('--expires <seconds>', 'seconds the URL stays valid, 1 to 604800').default('900'),
    );
  addActionInputOptions(command);
  addIamOptions(command).action(
    iamAction(async (action: string, params: string[], flags: PresignActionFlags) => {
      const format = iamOutputFormat(flags, 'text');
      const expiresIn = parseExpires(flags.expires);
      const { service, input } = readActionInput(action, params, flags);
      const { iam, sts } = await createCliClients(flags, process.env);

      // The input was checked against the model above; the clients check it again.
      const client = (service === 'iam' ? iam : sts) as unknown as {
        presignAction(
          name: string,
          input: object,
          options: PresignActionOptions,
        ): Promise<{
          url: string;
          signedAt: Date;
          expiresAt: Date;
        }>;
      };
      const presigned = await client.presignAction(action, input, { expiresIn });
      const record = {
        url: presigned.url,
        signedAt: presigned.signedAt.toISOString(),
        expiresIn,
        expiresAt: presigned.expiresAt.toISOString(),
      };
      if (format === 'json') printJson(record);
      else if (format === 'table') printRecordTable(record);
      else printLines([presigned.url]);
    }),
  );
}
