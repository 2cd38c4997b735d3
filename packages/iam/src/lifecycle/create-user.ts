import type { User } from '../generated/iam-types.js';
import type { IamCaller, SendOptions } from './iam-caller.js';
import { errorSummary, hasErrorCode, LifecycleError } from './lifecycle-error.js';
import { generatePassword, readPasswordPolicy } from './password-generation.js';
import { compareUserSpec, describeUser } from './user-description.js';
import { normalizeUserSpec, type NormalizedUserSpec, type UserSpec } from './user-spec.js';
import { retryUntil } from './wait.js';

/**
 * Options of `createUser`. `onStep` hears each step by name as it completes (never a
 * secret); `loginProfileDeadlineMs` bounds retries of a rollback that IAM answers with
 * `EntityTemporarilyUnmodifiable`.
 *
 * @example
 * const options: CreateUserOptions = { dryRun: true };
 */
export interface CreateUserOptions extends SendOptions {
  dryRun?: boolean;
  onStep?: (step: string) => void;
  loginProfileDeadlineMs?: number;
}

/**
 * The outcome of `createUser`. `password` and `accessKey.secretAccessKey` are there only
 * when this call made them: AWS never shows them again, and this package never logs them.
 *
 * @example
 * const result: CreateUserResult = { status: 'exists', userName: 'ana', steps: [] };
 */
export interface CreateUserResult {
  status: 'created' | 'exists' | 'planned';
  userName: string;
  user?: User;
  steps: string[];
  password?: string;
  accessKey?: { accessKeyId: string; secretAccessKey: string };
}

interface Step {
  name: string;
  run: () => Promise<void>;
  undo?: () => Promise<void>;
}

/**
 * Creates a user and everything its spec asks for, in this order: the user (with path,
 * permissions boundary and tags), group memberships, managed policies, inline policies,
 * the login profile, the access key. If a step fails, the steps already done are undone
 * in reverse order and a `CreateFailed` error names the failed step and the rollback.
 * Running the same spec again is safe: a user that already matches it gives
 * `status: 'exists'`; one that differs is an `EntityAlreadyExists` error listing the
 * differences.
 *
 * @throws LifecycleError `InvalidUserSpec`, `CreateFailed` or `EntityAlreadyExists`.
 * @example
 * const result = await createUser(client, { userName: 'ana', groups: ['dev'], accessKey: true });
 * console.log(result.accessKey?.accessKeyId); // the secret is in result.accessKey too, once
 */
export async function createUser(
  caller: IamCaller,
  spec: UserSpec,
  options: CreateUserOptions = {},
): Promise<CreateUserResult> {
  const normalized = normalizeUserSpec(spec);
  const send = { ...(options.signal ? { signal: options.signal } : {}) };

  if (options.dryRun) return planCreate(caller, normalized, send);

  const result: CreateUserResult = { status: 'created', userName: normalized.userName, steps: [] };
  const profile = normalized.loginProfile;
  const password =
    profile === undefined
      ? undefined
      : (profile.password ?? generatePassword(await readPasswordPolicy(caller, send)));

  const done: Step[] = [];
  for (const step of createSteps(caller, normalized, result, password, options)) {
    try {
      await step.run();
    } catch (error) {
      if (done.length === 0 && hasErrorCode(error, 'EntityAlreadyExists')) {
        return reportExisting(caller, normalized, error, send);
      }
      throw await rollBack(normalized.userName, step.name, error, done);
    }
    done.push(step);
    result.steps.push(step.name);
    options.onStep?.(step.name);
  }
  if (password !== undefined) result.password = password;
  return result;
}

function createSteps(
  caller: IamCaller,
  spec: NormalizedUserSpec,
  result: CreateUserResult,
  password: string | undefined,
  options: CreateUserOptions,
): Step[] {
  const UserName = spec.userName;
  const send = { ...(options.signal ? { signal: options.signal } : {}) };
  // Undo runs even after the caller aborted: a half-made user is worse than a late stop.
  const tolerate = (call: Promise<unknown>) =>
    call.then(
      () => undefined,
      (error: unknown) => {
        if (!hasErrorCode(error, 'NoSuchEntity')) throw error;
      },
    );
  const steps: Step[] = [
    {
      name: 'CreateUser',
      run: async () => {
        const input = {
          UserName,
          Path: spec.path,
          ...(spec.permissionsBoundary ? { PermissionsBoundary: spec.permissionsBoundary } : {}),
          ...(spec.tags.length > 0 ? { Tags: spec.tags } : {}),
        };
        result.user = (await caller.send('CreateUser', input, send)).User;
      },
      undo: () => tolerate(caller.send('DeleteUser', { UserName })),
    },
  ];
  for (const GroupName of spec.groups) {
    steps.push({
      name: `AddUserToGroup ${GroupName}`,
      run: async () => void (await caller.send('AddUserToGroup', { UserName, GroupName }, send)),
      undo: () => tolerate(caller.send('RemoveUserFromGroup', { UserName, GroupName })),
    });
  }
  for (const PolicyArn of spec.managedPolicies) {
    steps.push({
      name: `AttachUserPolicy ${PolicyArn}`,
      run: async () => void (await caller.send('AttachUserPolicy', { UserName, PolicyArn }, send)),
      undo: () => tolerate(caller.send('DetachUserPolicy', { UserName, PolicyArn })),
    });
  }
  for (const { policyName: PolicyName, policyDocument: PolicyDocument } of spec.inlinePolicies) {
    steps.push({
      name: `PutUserPolicy ${PolicyName}`,
      run: async () => {
        await caller.send('PutUserPolicy', { UserName, PolicyName, PolicyDocument }, send);
      },
      undo: () => tolerate(caller.send('DeleteUserPolicy', { UserName, PolicyName })),
    });
  }
  if (spec.loginProfile !== undefined && password !== undefined) {
    const { passwordResetRequired: PasswordResetRequired } = spec.loginProfile;
    steps.push({
      name: 'CreateLoginProfile',
      run: async () => {
        await caller.send(
          'CreateLoginProfile',
          { UserName, Password: password, PasswordResetRequired },
          send,
        );
      },
      // A new login profile may refuse changes for a few seconds.
      undo: () =>
        retryUntil(() => tolerate(caller.send('DeleteLoginProfile', { UserName })), {
          deadlineMs: options.loginProfileDeadlineMs ?? 60_000,
          shouldRetry: (error) => hasErrorCode(error, 'EntityTemporarilyUnmodifiable'),
        }),
    });
  }
  if (spec.accessKey) {
    steps.push({
      name: 'CreateAccessKey',
      run: async () => {
        const { AccessKey } = await caller.send('CreateAccessKey', { UserName }, send);
        result.accessKey = {
          accessKeyId: AccessKey.AccessKeyId,
          secretAccessKey: AccessKey.SecretAccessKey,
        };
      },
    });
  }
  return steps;
}

async function rollBack(
  userName: string,
  failedStep: string,
  cause: unknown,
  done: Step[],
): Promise<LifecycleError> {
  const rolledBack: string[] = [];
  const rollbackFailures: string[] = [];
  for (const step of [...done].reverse()) {
    if (!step.undo) continue;
    try {
      await step.undo();
      rolledBack.push(step.name);
    } catch (error) {
      rollbackFailures.push(`${step.name}: ${errorSummary(error)}`);
    }
  }
  const undone = rolledBack.length > 0 ? rolledBack.join(', ') : 'nothing to undo';
  const left = rollbackFailures.length > 0 ? `; could not undo ${rollbackFailures.join('; ')}` : '';
  return new LifecycleError({
    code: 'CreateFailed',
    message:
      `creating user ${userName} failed at ${failedStep} (${errorSummary(cause)}); ` +
      `rolled back: ${undone}${left}`,
    userName,
    step: failedStep,
    rolledBack,
    rollbackFailures,
    cause,
  });
}

async function reportExisting(
  caller: IamCaller,
  spec: NormalizedUserSpec,
  cause: unknown,
  send: SendOptions,
): Promise<CreateUserResult> {
  const existing = await describeUser(caller, spec.userName, send);
  const differences = compareUserSpec(spec, existing);
  if (differences.length > 0) {
    throw new LifecycleError({
      code: 'EntityAlreadyExists',
      message:
        `user ${existing.user.UserName} already exists and differs: ` + differences.join('; '),
      userName: spec.userName,
      differences,
      cause,
    });
  }
  return { status: 'exists', userName: existing.user.UserName, user: existing.user, steps: [] };
}

async function planCreate(
  caller: IamCaller,
  spec: NormalizedUserSpec,
  send: SendOptions,
): Promise<CreateUserResult> {
  try {
    await caller.send('GetUser', { UserName: spec.userName }, send);
  } catch (error) {
    if (!hasErrorCode(error, 'NoSuchEntity')) throw error;
    const steps = createSteps(caller, spec, { status: 'planned', userName: '', steps: [] }, '', {});
    return { status: 'planned', userName: spec.userName, steps: steps.map((step) => step.name) };
  }
  return reportExisting(caller, spec, undefined, send);
}
