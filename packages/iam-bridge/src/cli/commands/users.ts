import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  all,
  createUser,
  deleteUser,
  describeUser,
  IamClient,
  LifecycleError,
  rotateAccessKey,
  type UserSpec,
} from '@iam-bridge/iam';
import { CliError, EXIT_REFUSED, usageError } from '../cli-error.js';
import { collect } from '../header-arguments.js';
import {
  addIamOptions,
  createCliClients,
  iamAction,
  iamOutputFormat,
  type IamCommandFlags,
} from '../iam-options.js';
import { formatTable, printJson, printLines } from '../output.js';

/**
 * Builds the IAM client a lifecycle command uses, from the standard flags (`--profile`,
 * `--region`, `--endpoint-url`, `--max-attempts`) and the environment.
 *
 * @example const client = await lifecycleClient({ endpointUrl: 'http://127.0.0.1:4566' });
 */
export async function lifecycleClient(flags: IamCommandFlags): Promise<IamClient> {
  return (await createCliClients(flags, process.env)).iam;
}

/**
 * Wraps a lifecycle command: a spec that breaks IAM's naming rules is bad input (exit 2);
 * AWS errors become one line `iam-bridge: <Code>: <message> (<request id>)`, exit 1.
 *
 * @example command.action(lifecycleAction(async (flags) => { ... }));
 */
export function lifecycleAction<Args extends unknown[]>(
  handler: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  return iamAction(async (...args: Args) => {
    try {
      await handler(...args);
    } catch (error) {
      if (error instanceof LifecycleError && error.code === 'InvalidUserSpec') {
        throw usageError(error.code, error.message, error);
      }
      throw error;
    }
  });
}

type Flags = IamCommandFlags & Record<string, unknown>;

/**
 * Registers `iam-bridge users create|get|list|delete|rotate-key`.
 *
 * @example
 * registerUsers(program);
 * // iam-bridge users create ana --group dev --access-key --generate-password --json
 * // iam-bridge users delete ana --force --dry-run
 */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('create, inspect and delete IAM users');
  const command = (name: string, description: string) =>
    addIamOptions(users.command(name).description(description));

  command('create', 'create a user with groups, policies, tags, password and access key')
    .argument('<userName>')
    .option('--path <path>', 'IAM path, e.g. /staff/')
    .option('--permissions-boundary <arn>', 'managed policy ARN to use as the boundary')
    .option('--tag <key=value>', 'tag (repeatable)', collect, [])
    .option('--group <name>', 'group to join (repeatable)', collect, [])
    .option('--policy <arn>', 'managed policy to attach (repeatable)', collect, [])
    .option(
      '--inline-policy <name=file>',
      'inline policy from a JSON file (repeatable)',
      collect,
      [],
    )
    .option('--password <password>', 'console password (else see --generate-password)')
    .option('--generate-password', 'generate a console password to the account policy')
    .option('--no-password-reset-required', 'do not ask for a new password at first sign-in')
    .option('--access-key', 'create an access key')
    .option('--dry-run', 'show the steps without changing anything')
    .action(
      lifecycleAction(async (userName: string, flags: Flags) => {
        const result = await createUser(
          await lifecycleClient(flags),
          specOfFlags(userName, flags),
          {
            dryRun: flags.dryRun === true,
          },
        );
        print(flags, { ...result, user: undefined, arn: result.user?.Arn });
      }),
    );

  command('get', 'show a user and what hangs off it')
    .argument('<userName>')
    .action(
      lifecycleAction(async (userName: string, flags: Flags) => {
        const found = await describeUser(await lifecycleClient(flags), userName);
        const { Tags: _tags, ...user } = found.user;
        print(flags, {
          ...user,
          tags: found.tags.map((tag) => `${tag.Key}=${tag.Value}`),
          groups: found.groups,
          managedPolicies: found.managedPolicies,
          inlinePolicies: found.inlinePolicies.map((policy) => policy.policyName),
          hasLoginProfile: found.hasLoginProfile,
          accessKeyIds: found.accessKeyIds,
        });
      }),
    );

  command('list', 'list users')
    .option('--path-prefix <prefix>', 'only users under this path')
    .action(
      lifecycleAction(async (flags: Flags) => {
        const input = flags.pathPrefix ? { PathPrefix: String(flags.pathPrefix) } : {};
        const found = await all(await lifecycleClient(flags), 'ListUsers', input);
        if (iamOutputFormat(flags, 'table') === 'json') return printJson(found);
        const rows = found.map((user) => [
          user.UserName,
          user.Path,
          user.UserId,
          user.CreateDate.toISOString(),
        ]);
        printLines([formatTable(rows, ['USER NAME', 'PATH', 'USER ID', 'CREATED'])]);
      }),
    );

  command('delete', 'delete a user; --force removes what blocks it first')
    .argument('<userName>')
    .option('--force', 'remove keys, groups, policies, MFA, ... first')
    .option(
      '--dry-run',
      'list what a forced delete would remove and whether --force is needed; change nothing',
    )
    .option('--login-profile-deadline <seconds>', 'retry the login profile this long', '60')
    .action(
      lifecycleAction(async (userName: string, flags: Flags) => {
        const result = await deleteUser(await lifecycleClient(flags), userName, {
          force: flags.force === true,
          dryRun: flags.dryRun === true,
          loginProfileDeadlineMs: seconds(flags.loginProfileDeadline, '--login-profile-deadline'),
        });
        if (iamOutputFormat(flags, 'table') === 'json') return printJson(result);
        const rows = result.removed.map((item) => [item.kind, item.id]);
        printLines([
          `${result.status}: ${result.userName}`,
          formatTable(rows, ['KIND', 'ID']),
          ...(result.status === 'planned' ? [plannedNote(result.needsForce, flags)] : []),
        ]);
      }),
    );

  command('rotate-key', "replace a user's access key")
    .argument('<userName>')
    .option('--access-key-id <id>', 'the key to replace (default: the only active key)')
    .option('--delete-inactive', 'with two keys, delete the inactive one to make room')
    .option('--wait', 'wait until AWS accepts the new key')
    .option('--deadline <seconds>', 'how long --wait may take', '30')
    .option('--deactivate-old', 'set the old key inactive')
    .option('--delete-old', 'delete the old key')
    .option('--delete-old-after <seconds>', 'delete the old key this long after the new one works')
    .option('--dry-run', 'show the steps without changing anything')
    .action(
      lifecycleAction(async (userName: string, flags: Flags) => {
        const { iam: client, endpoint } = await createCliClients(flags, process.env);
        // The new key is checked with a client of its own that signs with that key only.
        const withKey = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
          new IamClient({
            credentials,
            endpoint: endpoint.url,
            signingRegion: endpoint.signingRegion,
            env: {},
          });
        const deleteOldAfter =
          flags.deleteOldAfter !== undefined
            ? seconds(flags.deleteOldAfter, '--delete-old-after')
            : flags.deleteOld === true;
        const result = await rotateAccessKey(client, userName, {
          ...(typeof flags.accessKeyId === 'string' ? { accessKeyId: flags.accessKeyId } : {}),
          whenFull: flags.deleteInactive ? 'delete-inactive' : 'refuse',
          waitUntilUsable: flags.wait === true,
          clientForKey: withKey,
          deadlineMs: seconds(flags.deadline, '--deadline'),
          deactivateOld: flags.deactivateOld === true,
          deleteOldAfter,
          dryRun: flags.dryRun === true,
        });
        print(flags, result);
        if (result.usable === false) {
          throw new CliError(
            'KeyNotUsable',
            'the new key was not accepted before the deadline; the old key was kept',
            EXIT_REFUSED,
          );
        }
      }),
    );
}

function specOfFlags(userName: string, flags: Flags): UserSpec {
  const spec: UserSpec = { userName };
  if (typeof flags.path === 'string') spec.path = flags.path;
  if (typeof flags.permissionsBoundary === 'string')
    spec.permissionsBoundary = flags.permissionsBoundary;
  const tags = flags.tag as string[];
  if (tags.length > 0) {
    spec.tags = tags.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw usageError('UsageError', `--tag ${pair} is not key=value`);
      return { Key: pair.slice(0, equals), Value: pair.slice(equals + 1) };
    });
  }
  if ((flags.group as string[]).length > 0) spec.groups = flags.group as string[];
  if ((flags.policy as string[]).length > 0) spec.managedPolicies = flags.policy as string[];
  const inline = flags.inlinePolicy as string[];
  if (inline.length > 0) {
    spec.inlinePolicies = Object.fromEntries(inline.map((pair) => inlinePolicyOf(pair)));
  }
  if (flags.password !== undefined && flags.generatePassword) {
    throw usageError('UsageError', '--password conflicts with --generate-password');
  }
  if (flags.password !== undefined || flags.generatePassword) {
    spec.loginProfile = { passwordResetRequired: flags.passwordResetRequired !== false };
    if (typeof flags.password === 'string') spec.loginProfile.password = flags.password;
  }
  if (flags.accessKey) spec.accessKey = true;
  return spec;
}

function inlinePolicyOf(pair: string): [string, string] {
  const equals = pair.indexOf('=');
  if (equals <= 0) throw usageError('UsageError', `--inline-policy ${pair} is not name=file`);
  const file = pair.slice(equals + 1);
  try {
    return [pair.slice(0, equals), readFileSync(file, 'utf8')];
  } catch (error) {
    throw usageError('UsageError', `cannot read ${file}: ${(error as Error).message}`, error);
  }
}

// The dry run lists what a forced delete removes, so the reader needs to know whether the
// real run must say --force.
function plannedNote(needsForce: boolean, flags: Flags): string {
  if (!needsForce) return 'nothing blocks the delete; nothing was changed';
  const advice = flags.force === true ? 'it would remove the above' : 'it needs --force';
  return `the user has dependents that block the delete: ${advice}; nothing was changed`;
}

function seconds(value: unknown, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw usageError('UsageError', `${flag} must be seconds`);
  return number * 1000;
}

function print(flags: Flags, value: object): void {
  if (iamOutputFormat(flags, 'table') === 'json') return printJson(value);
  const rows = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([field, item]) => [field, typeof item === 'string' ? item : JSON.stringify(item)]);
  printLines([formatTable(rows, ['FIELD', 'VALUE'])]);
}
