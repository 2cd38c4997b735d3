import { checkConstraints, throwIfInvalid } from './constraint-check.js';
import { findOperation, findShape, memberWireName } from './service-model.js';
import type { OperationInput, OperationTypes, ServiceModel, ShapeModel } from './service-model.js';
import { decodeBase64, parseTimestamp } from './wire-scalars.js';

/** One segment of the dotted parameter names, with the value sent at exactly that name. */
interface ParamNode {
  value?: string;
  readonly children: Map<string, ParamNode>;
}

/**
 * How strictly `parseQueryParams` checks what it decoded: `'aws'` applies the model's
 * required members, lengths, ranges, enums and patterns as AWS does; `'types'` only
 * rejects values that cannot be converted to their shape's type.
 *
 * @example
 * parseQueryParams(iamModel, 'CreateUser', pairs, 'types');
 */
export type QueryValidation = 'aws' | 'types';

/**
 * Reads AWS Query parameters (already form-decoded, e.g. by `decodeForm`) back into the
 * typed input of an operation: the server side of `serializeQuery`, driven by the same
 * model. `Action`, `Version`, `X-Amz-*` and names the operation does not know are ignored,
 * as AWS ignores them.
 *
 * @throws IamError `UnknownOperation`; `ValidationError` (400) naming each bad member.
 * @example
 * parseQueryParams(iamModel, 'CreateUser', [
 *   ['Action', 'CreateUser'], ['UserName', 'ana'], ['Tags.member.1.Key', 'team'],
 *   ['Tags.member.1.Value', 'ops'],
 * ]); // { UserName: 'ana', Tags: [{ Key: 'team', Value: 'ops' }] }
 */
export function parseQueryParams<Ops extends OperationTypes, Name extends string>(
  model: ServiceModel<Ops>,
  operationName: Name,
  pairs: ReadonlyArray<readonly [string, string]>,
  validation: QueryValidation = 'aws',
): OperationInput<Ops, Name> {
  const operation = findOperation(model, operationName);
  if (operation.input === undefined) return {} as OperationInput<Ops, Name>;

  const root = buildTree(pairs);
  const messages: string[] = [];
  const input = readValue(model, operation.input, root, '', messages) as Record<string, unknown>;
  throwIfInvalid(messages);

  if (validation === 'aws') throwIfInvalid(checkConstraints(model, operation.input, input));
  return input as OperationInput<Ops, Name>;
}

function buildTree(pairs: ReadonlyArray<readonly [string, string]>): ParamNode {
  const root: ParamNode = { children: new Map() };
  for (const [name, value] of pairs) {
    if (name === 'Action' || name === 'Version' || name.startsWith('X-Amz-')) continue;
    let node = root;
    for (const segment of name.split('.')) {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}

function readValue(
  model: ServiceModel<any>,
  shapeName: string,
  node: ParamNode,
  path: string,
  messages: string[],
): unknown {
  const shape = findShape(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
        // An empty flattened list is sent under the member's own name, not its elements'.
        const child =
          node.children.get(memberWireName(model, shape, name)) ??
          node.children.get(shape.locationNames?.[name] ?? name);
        if (!child) continue;
        const memberPath = path === '' ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
        const value = readValue(model, memberShape, child, memberPath, messages);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'list':
      return readList(model, shape, node, path, messages);
    case 'map':
      return readMap(model, shape, node, path, messages);
    default:
      return node.value === undefined ? undefined : readScalar(shape, node.value, path, messages);
  }
}

function readList(
  model: ServiceModel<any>,
  shape: ShapeModel,
  node: ParamNode,
  path: string,
  messages: string[],
): unknown[] {
  const elements = shape.flattened ? node : node.children.get(shape.memberName ?? 'member');
  if (!elements) return [];
  return indexed(elements).map(([index, child]) => {
    return readValue(model, shape.member!, child, `${path}.${index}.member`, messages);
  });
}

function readMap(
  model: ServiceModel<any>,
  shape: ShapeModel,
  node: ParamNode,
  path: string,
  messages: string[],
): Record<string, unknown> {
  const entries = shape.flattened ? node : node.children.get('entry');
  const out: Record<string, unknown> = {};
  if (!entries) return out;

  for (const [, entry] of indexed(entries)) {
    const key = entry.children.get(shape.keyName ?? 'key')?.value;
    const valueNode = entry.children.get(shape.valueName ?? 'value');
    if (key === undefined || !valueNode) continue;
    setEntry(out, key, readValue(model, shape.value!, valueNode, `${path}.${key}`, messages));
  }
  return out;
}

// List and map positions are 1-based numbers; they are taken in numeric order, not as sent.
function indexed(node: ParamNode): Array<[number, ParamNode]> {
  return [...node.children]
    .filter(([segment]) => /^[1-9]\d*$/.test(segment))
    .map(([segment, child]): [number, ParamNode] => [Number(segment), child])
    .sort((left, right) => left[0] - right[0]);
}

function readScalar(shape: ShapeModel, text: string, path: string, messages: string[]): unknown {
  const reject = (expected: string) => {
    const subject = shape.sensitive ? 'Value' : `Value '${text}'`;
    messages.push(
      `${subject} at '${path}' failed to satisfy constraint: Member must be ${expected}`,
    );
    return undefined;
  };

  switch (shape.type) {
    case 'string':
      return text;
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(text.trim()) ? Number(text) : reject('an integer');
    case 'float':
    case 'double':
      return text.trim() !== '' && Number.isFinite(Number(text))
        ? Number(text)
        : reject('a number');
    case 'boolean': {
      const lower = text.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : reject('a boolean');
    }
    case 'timestamp':
      return parseTimestamp(text) ?? reject('an ISO 8601 timestamp');
    case 'blob':
      try {
        return decodeBase64(text);
      } catch {
        return reject('base64-encoded');
      }
    default:
      throw new Error(`shape type ${shape.type} cannot be a scalar`);
  }
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

// A map key such as `__proto__` must become an own entry, never the object's prototype.
function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
