import { IamError } from '../errors.js';
import { findOperation, findShape } from './service-model.js';
import type { InputArgument, OperationTypes, ServiceModel, ShapeModel } from './service-model.js';
import { encodeBase64, formatTimestamp } from './wire-scalars.js';

/**
 * Query parameters in the order they go on the wire.
 *
 * @example
 * const pairs: QueryPairs = [['Action', 'GetUser'], ['Version', '2010-05-08']];
 */
export type QueryPairs = Array<[string, string]>;

interface SerializeContext {
  readonly model: ServiceModel<any>;
  readonly operationName: string;
  readonly pairs: QueryPairs;
}

/**
 * Turns an operation's input into AWS Query parameters: `Action` and `Version` first, then
 * the members in model order. Structures nest as `A.B`, lists as `Name.member.N` (1-based),
 * maps as `Name.entry.N.key`/`.value`; an empty list is sent as `Name=`. The input is
 * checked against the model first, so nothing malformed is ever sent.
 *
 * @throws IamError `UnknownOperation`, `MissingParameter`, `InvalidParameterType` or
 *   `UnknownParameter`, each naming the operation and the member.
 * @example
 * const tags = [{ Key: 'team', Value: 'ops' }];
 * serializeQuery(iamModel, 'CreateUser', { UserName: 'ana', Tags: tags });
 * // [['Action', 'CreateUser'], ['Version', '2010-05-08'], ['UserName', 'ana'],
 * //  ['Tags.member.1.Key', 'team'], ['Tags.member.1.Value', 'ops']]
 */
export function serializeQuery<Ops extends OperationTypes, Name extends string>(
  model: ServiceModel<Ops>,
  operationName: Name,
  ...[input]: InputArgument<Ops, Name>
): QueryPairs {
  const operation = findOperation(model, operationName);
  const context: SerializeContext = { model, operationName, pairs: [] };
  context.pairs.push(['Action', operationName], ['Version', model.apiVersion]);

  if (operation.input === undefined) {
    const names = isPlainObject(input) ? definedKeys(input) : [];
    if (names.length > 0) throw unknownParameter(context, names[0]);
    return context.pairs;
  }
  writeValue(context, input ?? {}, operation.input, '', '');
  return context.pairs;
}

function writeValue(
  context: SerializeContext,
  value: unknown,
  shapeName: string,
  prefix: string,
  path: string,
): void {
  const shape = findShape(context.model, shapeName);
  switch (shape.type) {
    case 'structure':
      return writeStructure(context, value, shape, prefix, path);
    case 'list':
      return writeList(context, value, shape, prefix, path);
    case 'map':
      return writeMap(context, value, shape, prefix, path);
    default:
      context.pairs.push([prefix, scalarText(context, value, shape, path)]);
  }
}

function writeStructure(
  context: SerializeContext,
  value: unknown,
  shape: ShapeModel,
  prefix: string,
  path: string,
): void {
  if (!isPlainObject(value)) throw invalidType(context, path, 'an object', value);
  const members = shape.members ?? {};

  for (const name of definedKeys(value)) {
    if (!Object.hasOwn(members, name)) throw unknownParameter(context, join(path, name));
  }
  for (const name of shape.required ?? []) {
    if (value[name] === undefined) {
      const where = `${context.operationName}: missing required parameter ${join(path, name)}`;
      throw new IamError({ code: 'MissingParameter', message: where });
    }
  }

  for (const [name, memberShape] of Object.entries(members)) {
    if (value[name] === undefined) continue;
    const wireName = shape.locationNames?.[name] ?? name;
    const memberPrefix = prefix === '' ? wireName : `${prefix}.${wireName}`;
    writeValue(context, value[name], memberShape, memberPrefix, join(path, name));
  }
}

function writeList(
  context: SerializeContext,
  value: unknown,
  shape: ShapeModel,
  prefix: string,
  path: string,
): void {
  if (!Array.isArray(value)) throw invalidType(context, path, 'an array', value);

  // The Query protocol sends an empty list as its bare name, so AWS can tell [] from absent.
  if (value.length === 0) {
    context.pairs.push([prefix, '']);
    return;
  }

  const listPrefix = listElementPrefix(shape, prefix);
  value.forEach((element, index) => {
    const elementPath = `${path}[${index}]`;
    if (element === undefined || element === null) {
      throw invalidType(context, elementPath, 'a list element', element);
    }
    writeValue(context, element, shape.member!, `${listPrefix}.${index + 1}`, elementPath);
  });
}

function listElementPrefix(shape: ShapeModel, prefix: string): string {
  if (!shape.flattened) return `${prefix}.${shape.memberName ?? 'member'}`;
  if (shape.memberName === undefined) return prefix;
  // A flattened list with a member name replaces the last segment of the prefix with it.
  const segments = prefix.split('.');
  segments[segments.length - 1] = shape.memberName;
  return segments.join('.');
}

function writeMap(
  context: SerializeContext,
  value: unknown,
  shape: ShapeModel,
  prefix: string,
  path: string,
): void {
  if (!isPlainObject(value)) throw invalidType(context, path, 'an object (map)', value);
  const entryPrefix = shape.flattened ? prefix : `${prefix}.entry`;
  const keyName = shape.keyName ?? 'key';
  const valueName = shape.valueName ?? 'value';

  definedKeys(value).forEach((key, index) => {
    const entry = `${entryPrefix}.${index + 1}`;
    writeValue(context, key, shape.key!, `${entry}.${keyName}`, `${path}.<key>`);
    writeValue(context, value[key], shape.value!, `${entry}.${valueName}`, `${path}.${key}`);
  });
}

function scalarText(
  context: SerializeContext,
  value: unknown,
  shape: ShapeModel,
  path: string,
): string {
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw invalidType(context, path, 'a string', value);
      return value;
    case 'integer':
    case 'long':
      if (!Number.isSafeInteger(value)) throw invalidType(context, path, 'an integer', value);
      return String(value);
    case 'float':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw invalidType(context, path, 'a finite number', value);
      }
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidType(context, path, 'a boolean', value);
      return value ? 'true' : 'false';
    case 'timestamp':
      return timestampText(context, value, path);
    case 'blob':
      if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
        throw invalidType(context, path, 'a Uint8Array or string', value);
      }
      return encodeBase64(value);
    default:
      throw new Error(`shape type ${shape.type} cannot be a scalar`);
  }
}

function timestampText(context: SerializeContext, value: unknown, path: string): string {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string'
        ? new Date(value)
        : typeof value === 'number'
          ? new Date(value * 1000)
          : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw invalidType(context, path, 'a Date, ISO 8601 string or epoch seconds', value);
  }
  return formatTimestamp(date);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function definedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `${typeof value} ${shown}`;
}

function invalidType(context: SerializeContext, path: string, expected: string, value: unknown) {
  const where = path === '' ? 'the input' : `parameter ${path}`;
  return new IamError({
    code: 'InvalidParameterType',
    message: `${context.operationName}: ${where} must be ${expected}, got ${describe(value)}`,
  });
}

function unknownParameter(context: SerializeContext, path: string): IamError {
  return new IamError({
    code: 'UnknownParameter',
    message: `${context.operationName}: unknown parameter ${path}`,
  });
}
