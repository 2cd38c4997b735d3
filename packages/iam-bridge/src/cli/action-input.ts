import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  findOperation,
  findShape,
  iamModel,
  memberWireName,
  parseQueryParams,
  serializeQuery,
  stsModel,
  type ServiceModel,
} from '@iam-bridge/iam';
import { usageError } from './cli-error.js';

/** The input flags of `call` and `presign-action`, as commander hands them over. */
export interface ActionInputFlags {
  params?: string;
  paramsFile?: string;
  service?: 'iam' | 'sts';
}

/** An action checked against its model, with its typed input. */
export interface ActionInput {
  service: 'iam' | 'sts';
  action: string;
  input: Record<string, unknown>;
}

/**
 * Adds `--params <json>`, `--params-file <file>` and `--service iam|sts`.
 *
 * @example addActionInputOptions(program.command('call <action> [params...]'))
 */
export function addActionInputOptions(command: Command): Command {
  return command
    .option('--params <json>', 'input as JSON: {"UserName":"ana","Tags":[{"Key":"k",...}]}')
    .option('--params-file <file>', 'read the JSON input from a file ("-" for stdin)')
    .option('--service <service>', 'iam or sts', 'iam');
}

/**
 * Reads an action's input from `Name=Value` arguments in the Query form
 * (`Tags.member.1.Key=team`, converted to the typed input by the model) and/or a JSON object
 * (`--params`, `--params-file`), then checks it against the model as the client would: the
 * action must exist, every name must be one the action takes, types must fit, required
 * members must be present. Nothing is sent, so each refusal is a usage error (exit 2) naming
 * the action or parameter. A member given both as `Name=Value` and in the JSON is refused.
 *
 * @throws CliError `UsageError`, `InvalidParams`, `UnknownOperation`, `UnknownParameter`,
 *   `MissingParameter`, `InvalidParameterType`, `ValidationError`
 * @example
 * readActionInput('CreateUser', ['UserName=ana', 'Tags.member.1.Key=team'], {})
 * // { service: 'iam', action: 'CreateUser', input: { UserName: 'ana', Tags: [{ Key: 'team' }] } }
 */
export function readActionInput(
  action: string,
  args: readonly string[],
  flags: ActionInputFlags,
): ActionInput {
  const service = flags.service ?? 'iam';
  if (service !== 'iam' && service !== 'sts') {
    throw usageError('UsageError', `--service must be iam or sts, got ${JSON.stringify(service)}`);
  }
  const model: ServiceModel = service === 'iam' ? iamModel : stsModel;
  asUsage(() => findOperation(model, action));

  const pairs = args.map(splitPair);
  const topLevelNames = inputWireNames(model, action);
  const unknown = pairs.find(([name]) => !topLevelNames.has(name.split('.')[0]));
  if (unknown) throw usageError('UnknownParameter', `${action} takes no parameter ${unknown[0]}`);
  const fromPairs = asUsage(
    () => parseQueryParams(model, action, pairs, 'types') as Record<string, unknown>,
  );
  const fromJson = readJsonInput(flags);
  for (const name of Object.keys(fromJson)) {
    if (Object.hasOwn(fromPairs, name)) {
      throw usageError('InvalidParams', `${name} is given both as Name=Value and in the JSON`);
    }
  }

  const input: Record<string, unknown> = { ...fromPairs, ...fromJson };
  const sent = new Set(asUsage(() => serializeQuery(model, action, input)).map(([name]) => name));
  // parseQueryParams drops names it cannot place, as AWS does; a CLI user made a typo.
  const ignored = pairs.find(([name]) => !sent.has(name));
  if (ignored) {
    throw usageError(
      'UnknownParameter',
      `${action} takes no parameter ${ignored[0]} (list positions count from 1, without gaps)`,
    );
  }
  return { service, action, input };
}

function splitPair(argument: string): [string, string] {
  const equals = argument.indexOf('=');
  if (equals <= 0) {
    throw usageError(
      'UsageError',
      `parameter ${JSON.stringify(argument)} is not Name=Value (e.g. UserName=ana)`,
    );
  }
  return [argument.slice(0, equals), argument.slice(equals + 1)];
}

function readJsonInput(flags: ActionInputFlags): Record<string, unknown> {
  if (flags.params !== undefined && flags.paramsFile !== undefined) {
    throw usageError('UsageError', '--params and --params-file cannot be used together');
  }
  const source = flags.params !== undefined ? '--params' : `--params-file ${flags.paramsFile}`;
  const text = flags.params ?? (flags.paramsFile === undefined ? undefined : readParamsFile(flags));
  if (text === undefined) return {};

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError('InvalidParams', `${source} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usageError('InvalidParams', `${source} must be a JSON object of input members`);
  }
  return value as Record<string, unknown>;
}

function readParamsFile(flags: ActionInputFlags): string {
  try {
    return readFileSync(flags.paramsFile === '-' ? 0 : flags.paramsFile!, 'utf8');
  } catch (error) {
    throw usageError(
      'InvalidParams',
      `cannot read --params-file ${flags.paramsFile}: ${(error as Error).message}`,
    );
  }
}

function inputWireNames(model: ServiceModel, action: string): Set<string> {
  const operation = findOperation(model, action);
  if (operation.input === undefined) return new Set();
  const input = findShape(model, operation.input);
  return new Set(
    Object.keys(input.members ?? {}).map((member) => memberWireName(model, input, member)),
  );
}

function asUsage<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') throw error;
    throw usageError(code, (error as Error).message, error);
  }
}
