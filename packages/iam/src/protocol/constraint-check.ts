import { IamError } from '../errors.js';
import { findShape } from './service-model.js';
import type { ServiceModel, ShapeModel } from './service-model.js';

const compiledPatterns = new Map<string, RegExp | null>();

/**
 * Compiles a model pattern for whole-value matching. The models write code points above
 * U+FFFF Java-style (`\u10000`); those become `\u{10000}`. A pattern that JavaScript
 * cannot compile in Unicode mode is tried without it; one that never compiles gives null,
 * and values are then not checked against it.
 *
 * @example
 * compilePattern('[\\w+=,.@-]+')?.test('ana.maria@example'); // true
 */
export function compilePattern(pattern: string): RegExp | null {
  let compiled = compiledPatterns.get(pattern);
  if (compiled !== undefined) return compiled;

  const source = pattern.replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}');
  try {
    compiled = new RegExp(`^(?:${source})$`, 'u');
  } catch {
    // Java allows escaping any punctuation (`\:`); JavaScript does so only without `u`.
    try {
      compiled = new RegExp(`^(?:${source})$`);
    } catch {
      compiled = null;
    }
  }
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

/**
 * Checks a decoded input against the model's constraints the way AWS's front end does:
 * required members, string and list lengths, integer ranges, enums and patterns. Returns
 * AWS-style messages, one per violation; an empty list means the input is valid.
 *
 * @example
 * checkConstraints(iamModel, 'CreateUserRequest', { UserName: 'a b' });
 * // ["Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy
 * //   regular expression pattern: [\\w+=,.@-]+"]
 */
export function checkConstraints(
  model: ServiceModel<any>,
  shapeName: string,
  value: unknown,
  path = '',
): string[] {
  const messages: string[] = [];
  visit(model, shapeName, value, path, messages);
  return messages;
}

/**
 * Throws AWS's `ValidationError` (400, Sender) when the messages are not empty, worded as
 * AWS words it: `1 validation error detected: ...`, several joined with `; `.
 *
 * @example
 * throwIfInvalid(checkConstraints(iamModel, 'CreateUserRequest', { UserName: '' }));
 */
export function throwIfInvalid(messages: readonly string[]): void {
  if (messages.length === 0) return;
  const count =
    messages.length === 1 ? '1 validation error' : `${messages.length} validation errors`;
  throw new IamError({
    code: 'ValidationError',
    message: `${count} detected: ${messages.join('; ')}`,
    status: 400,
    type: 'Sender',
  });
}

function visit(
  model: ServiceModel<any>,
  shapeName: string,
  value: unknown,
  path: string,
  messages: string[],
): void {
  const shape = findShape(model, shapeName);
  if (shape.type === 'structure') return visitStructure(model, shape, value, path, messages);

  // Secrets (passwords, private keys) are never echoed back in an error message.
  const subject = shape.sensitive ? 'Value' : `Value ${shown(value)}`;
  const fail = (rule: string) => {
    messages.push(`${subject} at '${path}' failed to satisfy constraint: ${rule}`);
  };
  if (shape.type === 'list' && Array.isArray(value)) {
    checkLength(shape, value.length, fail);
    value.forEach((element, index) => {
      visit(model, shape.member!, element, `${path}.${index + 1}.member`, messages);
    });
  } else if (shape.type === 'map' && typeof value === 'object' && value !== null) {
    checkLength(shape, Object.keys(value).length, fail);
    for (const [key, item] of Object.entries(value)) {
      visit(model, shape.key!, key, `${path}.key`, messages);
      visit(model, shape.value!, item, `${path}.${key}`, messages);
    }
  } else if (shape.type === 'string' && typeof value === 'string') {
    checkString(shape, value, fail);
  } else if ((shape.type === 'integer' || shape.type === 'long') && typeof value === 'number') {
    if (shape.min !== undefined && value < shape.min) {
      fail(`Member must have value greater than or equal to ${shape.min}`);
    }
    if (shape.max !== undefined && value > shape.max) {
      fail(`Member must have value less than or equal to ${shape.max}`);
    }
  }
}

function visitStructure(
  model: ServiceModel<any>,
  shape: ShapeModel,
  value: unknown,
  path: string,
  messages: string[],
): void {
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  const required = new Set(shape.required ?? []);

  for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
    const memberPath = path === '' ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
    if (record[name] === undefined) {
      if (required.has(name)) {
        messages.push(
          `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
        );
      }
      continue;
    }
    visit(model, memberShape, record[name], memberPath, messages);
  }
}

function checkString(shape: ShapeModel, value: string, fail: (rule: string) => void): void {
  checkLength(shape, [...value].length, fail);
  if (shape.enum && !shape.enum.includes(value)) {
    fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  }
  const pattern = shape.pattern === undefined ? null : compilePattern(shape.pattern);
  if (pattern && !pattern.test(value)) {
    fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
}

function checkLength(shape: ShapeModel, length: number, fail: (rule: string) => void): void {
  if (shape.min !== undefined && length < shape.min) {
    fail(`Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && length > shape.max) {
    fail(`Member must have length less than or equal to ${shape.max}`);
  }
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return `'[${value.map(shownItem).join(', ')}]'`;
  if (typeof value === 'object' && value !== null) return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

function shownItem(item: unknown): string {
  return typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
