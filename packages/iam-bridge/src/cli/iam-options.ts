import { Option, type Command } from 'commander';
import { IamClient, IamError, StsClient, type ResolvedEndpoint } from '@iam-bridge/iam';
import { CliError, EXIT_REFUSED, EXIT_USAGE, usageError } from './cli-error.js';
import { cliCredentialError, cliCredentialProvider, type CredentialFlags } from './credentials.js';
import { outputFormat, type OutputFlags, type OutputFormat } from './output.js';

/**
 * The standard flags of every command that talks to IAM or STS, as commander hands them over
 * (see `addIamOptions`). Commands that also take `--access-key-id` and friends may pass those
 * along: `createCliClients` honours them.
 */
export interface IamCommandFlags extends OutputFlags, Partial<CredentialFlags> {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  maxAttempts?: string;
}

/**
 * The clients a command uses, sharing one credential provider (a role in a profile is assumed
 * once), and the IAM endpoint they resolved to (for messages such as "sent to ...").
 */
export interface CliClients {
  iam: IamClient;
  sts: StsClient;
  endpoint: ResolvedEndpoint;
}

/** Error codes `@iam-bridge/iam` raises before sending anything: bad input, exit 2. */
const LOCAL_INPUT_ERRORS: ReadonlySet<string> = new Set([
  'UnknownOperation',
  'MissingParameter',
  'InvalidParameterType',
  'UnknownParameter',
  'ValidationError',
  'InvalidOption',
  'InvalidEndpoint',
  'InvalidRegion',
  'InvalidPartition',
  'FipsNotAvailable',
]);

/**
 * Adds the standard flags: `--profile`, `--region`, `--endpoint-url`, `--max-attempts` and
 * `--output json|table|text` (with `--json` as its short form), and the exit statuses to the
 * help. Use `iamOutputFormat` to read the format with the command's own default.
 *
 * @example
 * addIamOptions(program.command('whoami')).action(iamAction(async (flags) => {
 *   const { sts } = await createCliClients(flags, process.env);
 * }));
 */
export function addIamOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'profile in the shared AWS files (else AWS_PROFILE, "default")')
    .option('--region <region>', 'region; for IAM it only picks the partition (aws, cn, gov)')
    .option(
      '--endpoint-url <url>',
      'endpoint (else AWS_ENDPOINT_URL_IAM/_STS, AWS_ENDPOINT_URL, the profile endpoint_url)',
    )
    .option('--max-attempts <n>', 'attempts per request, retries included (default 5)')
    .option('--json', 'same as --output json')
    .addOption(new Option('--output <format>', 'output format').choices(['json', 'table', 'text']))
    .addHelpText(
      'after',
      '\nExit status:\n  0  done\n' +
        '  1  refused by AWS or the endpoint: one stderr line with code, message, request id\n' +
        '     (the AWS CLI uses 254 here)\n' +
        '  2  bad input or setup, refused before anything is sent',
    );
}

/**
 * The output format asked for, or the command's default when neither `--output` nor `--json`
 * is given.
 *
 * @example iamOutputFormat({}, 'json') // 'json'
 */
export function iamOutputFormat(flags: OutputFlags, fallback: OutputFormat): OutputFormat {
  if (flags.json) return outputFormat(flags);
  return flags.output ?? fallback;
}

/**
 * Builds the IAM and STS clients from the standard flags and the environment, exactly as the
 * AWS CLI would find its settings:
 * - endpoint: `--endpoint-url`, else `AWS_ENDPOINT_URL_IAM` (`AWS_ENDPOINT_URL_STS` for STS),
 *   else `AWS_ENDPOINT_URL`, else the profile's `endpoint_url`, else AWS's;
 * - credentials: `--access-key-id`/`--secret-access-key` if the command has them, else
 *   `--profile`, else `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, else
 *   the `AWS_PROFILE` (or `default`) profile of the shared files;
 * - region: `--region`, else `AWS_REGION`/`AWS_DEFAULT_REGION`, else the profile's. IAM is
 *   global, so a region only picks the partition: eu-west-1 still signs IAM for us-east-1.
 *
 * The endpoint is resolved here, so a bad `--endpoint-url` fails before any request;
 * credentials are only looked for when the first request is signed.
 *
 * @throws CliError exit 2 for a bad endpoint, region or `--max-attempts`
 * @example
 * const { iam } = await createCliClients(flags, process.env);
 * const { User } = await iam.send('GetUser', { UserName: 'ana' });
 */
export async function createCliClients(
  flags: IamCommandFlags,
  env: NodeJS.ProcessEnv,
): Promise<CliClients> {
  const options = {
    env,
    credentials: cliCredentialProvider(flags, env),
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.endpointUrl === undefined ? {} : { endpoint: flags.endpointUrl }),
    ...(flags.maxAttempts === undefined ? {} : { maxAttempts: parseAttempts(flags.maxAttempts) }),
  };
  const iam = new IamClient(options);
  const sts = new StsClient(options);
  try {
    return { iam, sts, endpoint: await iam.endpoint() };
  } catch (error) {
    throw cliErrorOf(error);
  }
}

/**
 * Wraps a command's action so that `@iam-bridge/iam` errors reach the user as the CLI reports
 * AWS errors: one stderr line `iam-bridge: <Code>: <message> (<request id>)`, exit 1 for
 * anything AWS (or the emulator, or moto) answered, exit 2 for input refused before sending
 * (unknown action, missing or mistyped parameter, bad endpoint, no credentials). Exit 1
 * rather than the AWS CLI's 254, so scripts can test `$? -eq 1` for every refusal.
 *
 * @example
 * command.action(iamAction(async (flags: IamCommandFlags) => { ... }));
 */
export function iamAction<Args extends unknown[]>(
  handler: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      await handler(...args);
    } catch (error) {
      throw cliErrorOf(error);
    }
  };
}

/**
 * The CLI error for anything an IAM command throws (see `iamAction`); other errors pass
 * through unchanged.
 *
 * @example throw cliErrorOf(new IamError({ code: 'NoSuchEntity', message: 'no', status: 404 }));
 */
export function cliErrorOf(error: unknown): unknown {
  const credentialError = cliCredentialError(error);
  if (credentialError !== error || !(error instanceof IamError)) return credentialError;

  const local = error.status === undefined && LOCAL_INPUT_ERRORS.has(error.code);
  const message = error.requestId ? `${error.message} (${error.requestId})` : error.message;
  return new CliError(error.code, message, local ? EXIT_USAGE : EXIT_REFUSED, { cause: error });
}

function parseAttempts(text: string): number {
  const attempts = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(attempts >= 1 && attempts <= 20)) {
    throw usageError('UsageError', `--max-attempts must be a whole number from 1 to 20`);
  }
  return attempts;
}
