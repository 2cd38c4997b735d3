import type { Command } from 'commander';
import {
  IamClient,
  LifecycleError,
  StsClient,
  createUser,
  deleteUser,
  rotateAccessKey,
  type AwsCredentials,
} from '@iam-bridge/iam';
import { presignUrl } from '@iam-bridge/sigv4';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { refusal, usageError } from '../cli-error.js';

/** The demo's flags. */
interface DemoFlags {
  endpointUrl?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

type Say = (line: string) => void;

/**
 * Registers `iam-bridge demo`: the product's tour, on the embedded emulator by default. It
 * presigns CreateUser by hand (the classic integration example) and follows the link, creates
 * a user with a group, policies, a console password and an access key, proves the key works,
 * rotates it, shows why a plain DeleteUser is refused, previews and runs the forced delete, and
 * deletes the presigned user with a presigned DeleteUser.
 *
 * @example
 * registerDemo(program);
 * // iam-bridge demo
 * // iam-bridge demo --endpoint-url http://127.0.0.1:4566 --access-key-id ... --secret-access-key ...
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('a guided tour on the embedded IAM emulator (or another endpoint)')
    .option('--endpoint-url <url>', 'run against this IAM endpoint instead of the emulator')
    .option('--access-key-id <id>', 'credentials for --endpoint-url')
    .option('--secret-access-key <secret>', 'credentials for --endpoint-url')
    .action(async (flags: DemoFlags) => {
      await runDemo(flags, (line) => process.stdout.write(line + '\n'));
    });
}

async function runDemo(flags: DemoFlags, say: Say): Promise<void> {
  let emulator: RunningEmulator | undefined;
  let endpoint: string;
  let credentials: AwsCredentials;
  if (flags.endpointUrl === undefined) {
    emulator = await startEmulator({ memory: true });
    endpoint = emulator.url;
    credentials = emulator.rootCredentials;
    say(`Embedded IAM emulator at ${endpoint} (in memory; AWS is never contacted).`);
  } else {
    if (!flags.accessKeyId || !flags.secretAccessKey) {
      throw usageError(
        'UsageError',
        '--endpoint-url needs --access-key-id and --secret-access-key',
      );
    }
    endpoint = flags.endpointUrl;
    credentials = { accessKeyId: flags.accessKeyId, secretAccessKey: flags.secretAccessKey };
    say(`Endpoint ${endpoint}.`);
  }

  try {
    // Names get a unique suffix on a shared endpoint, so a demo never collides with real users.
    const suffix = emulator === undefined ? `-${Date.now().toString(36)}` : '';
    await tour(endpoint, credentials, suffix, say);
  } finally {
    await emulator?.stop();
  }
}

async function tour(
  endpoint: string,
  credentials: AwsCredentials,
  suffix: string,
  say: Say,
): Promise<void> {
  const iam = new IamClient({ endpoint, credentials });
  const presignedUser = `TestAPCUser${suffix}`;
  const userName = `demo-alice${suffix}`;
  const group = `demo-engineers${suffix}`;

  step(say, 1, 'Presign CreateUser by hand, then follow the link (GET, X-Amz-Expires=30)');
  const created = await followPresigned(endpoint, credentials, 'CreateUser', presignedUser, say);
  say(`   -> HTTP ${created.status}: user ${presignedUser} created`);

  step(say, 2, `Create ${userName} with a group, policies, a console password and a key`);
  await iam.send('CreateGroup', { GroupName: group });
  const result = await createUser(iam, {
    userName,
    tags: { team: 'demo' },
    groups: [group],
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    inlinePolicies: {
      'self-service': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }],
      },
    },
    loginProfile: true,
    accessKey: true,
  });
  say(`   -> ${result.status}; steps: ${result.steps.join(', ')}`);
  const key = result.accessKey as AwsCredentials;
  say(`   -> access key ${key.accessKeyId} (secret shown once, not printed here)`);

  step(say, 3, 'Call STS GetCallerIdentity with the new key');
  const sts = new StsClient({ endpoint, credentials: key });
  const identity = await sts.send('GetCallerIdentity');
  say(`   -> ${identity.Arn}`);

  step(say, 4, 'Rotate the access key: create the new one, then delete the old one');
  const rotated = await rotateAccessKey(iam, userName, { deleteOldAfter: true });
  say(
    `   -> new key ${rotated.newAccessKey?.accessKeyId}, old ${rotated.oldAccessKeyId} ${rotated.oldKey}`,
  );

  step(say, 5, 'Delete without force: refused while dependents remain');
  try {
    await deleteUser(iam, userName);
  } catch (error) {
    if (!(error instanceof LifecycleError)) throw error;
    say(`   -> ${error.code}: ${error.message}`);
  }

  step(say, 6, 'Preview the forced delete (dry run), then run it');
  const preview = await deleteUser(iam, userName, { force: true, dryRun: true });
  say(`   -> would remove: ${preview.removed.map((r) => `${r.kind} ${r.id}`).join(', ')}`);
  const deleted = await deleteUser(iam, userName, { force: true });
  say(`   -> ${deleted.status}; removed ${deleted.removed.length} items`);
  await iam.send('DeleteGroup', { GroupName: group });

  step(say, 7, 'Presign DeleteUser by hand and follow the link');
  const removed = await followPresigned(endpoint, credentials, 'DeleteUser', presignedUser, say);
  say(`   -> HTTP ${removed.status}: user ${presignedUser} deleted`);
  say('\nDone. Next: `npm start` runs the gateway with its console at http://127.0.0.1:8080/');
}

function step(say: Say, n: number, title: string): void {
  say(`\n${n}. ${title}`);
}

async function followPresigned(
  endpoint: string,
  credentials: AwsCredentials,
  action: 'CreateUser' | 'DeleteUser',
  userName: string,
  say: Say,
): Promise<Response> {
  const url = new URL(endpoint);
  url.search = `Action=${action}&UserName=${encodeURIComponent(userName)}&Version=2010-05-08`;
  const presigned = presignUrl(
    { url: url.toString() },
    { credentials, region: 'us-east-1', service: 'iam', expiresIn: 30 },
  );
  say(`   ${presigned.url.replace(/X-Amz-Signature=\w+/, 'X-Amz-Signature=…')}`);
  const response = await fetch(presigned.url);
  if (!response.ok) {
    const body = await response.text();
    throw refusal('DemoFailed', `presigned ${action} answered HTTP ${response.status}: ${body}`);
  }
  return response;
}
