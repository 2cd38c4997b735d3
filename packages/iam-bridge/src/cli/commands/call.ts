import type { Command } from 'commander';
import { addActionInputOptions, readActionInput, type ActionInputFlags } from '../action-input.js';
import {
  addIamOptions,
  createCliClients,
  iamAction,
  iamOutputFormat,
  type IamCommandFlags,
} from '../iam-options.js';
import { printActionResult } from '../iam-result-output.js';

interface CallFlags extends IamCommandFlags, ActionInputFlags {}

/**
 * Registers `iam-bridge call`: sends any IAM action (any STS action with `--service sts`) and
 * prints its result, JSON by default. The input comes from `Name=Value` arguments in the
 * Query form and/or `--params` JSON, and is checked against the model before anything is
 * sent (exit 2 naming the action or parameter). AWS errors print one line
 * `iam-bridge: <Code>: <message> (<request id>)` and exit 1.
 *
 * @example
 * registerCall(program);
 * // iam-bridge call CreateUser UserName=ana Tags.member.1.Key=team Tags.member.1.Value=ops
 * // iam-bridge call TagUser --params '{"UserName":"ana","Tags":[{"Key":"k","Value":"v"}]}'
 * // iam-bridge call ListUsers --output table
 */
export function registerCall(program: Command): void {
  const command = program
    .command('call')
    .description('send any IAM action (STS with --service sts) and print its result')
    .argument('<action>', 'action name, e.g. CreateUser')
    .argument('[params...]', 'input as Name=Value in the Query form, e.g. Tags.member.1.Key=k');
  addActionInputOptions(command);
  addIamOptions(command).action(
    iamAction(async (action: string, params: string[], flags: CallFlags) => {
      const format = iamOutputFormat(flags, 'json');
      const { service, input } = readActionInput(action, params, flags);
      const { iam, sts } = await createCliClients(flags, process.env);

      // The input was checked against the model above; the clients check it again when sent.
      const client = (service === 'iam' ? iam : sts) as {
        send(action: string, input: object): Promise<object>;
      };
      const result = await client.send(action, input);
      printActionResult(result as Record<string, unknown>, format);
    }),
  );
}
