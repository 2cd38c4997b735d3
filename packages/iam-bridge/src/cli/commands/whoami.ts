import type { Command } from 'commander';
import {
  addIamOptions,
  createCliClients,
  iamAction,
  iamOutputFormat,
  type IamCommandFlags,
} from '../iam-options.js';
import { printActionResult } from '../iam-result-output.js';
import { printLines } from '../output.js';

/**
 * Registers `iam-bridge whoami`: asks STS `GetCallerIdentity` who the resolved credentials
 * belong to and prints `Account`, `UserId` and `Arn` (JSON by default; `--output text` prints
 * the three values tab-separated on one line).
 *
 * @example
 * registerWhoami(program);
 * // iam-bridge whoami --profile dev
 * // iam-bridge whoami --endpoint-url http://127.0.0.1:4566 --output text
 */
export function registerWhoami(program: Command): void {
  const command = program
    .command('whoami')
    .description('print the account, user id and ARN of the credentials in use (STS)');
  addIamOptions(command).action(
    iamAction(async (flags: IamCommandFlags) => {
      const format = iamOutputFormat(flags, 'json');
      const { sts } = await createCliClients(flags, process.env);
      const { Account, UserId, Arn } = await sts.send('GetCallerIdentity');
      if (format === 'text') printLines([[Account, UserId, Arn].join('\t')]);
      else printActionResult({ Account, UserId, Arn }, format);
    }),
  );
}
