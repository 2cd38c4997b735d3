import { validationError } from './errors.js';

/**
 * A member's constraint as the AWS API model states it; `pattern` is shown in messages as
 * the model writes it (`patternText`), and `memberName` is the model's lower-camel name.
 *
 * @example
 * const userNameType: Constraint = { type: 'string', min: 1, max: 64,
 *   pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
 */
export type Constraint =
  | { type: 'string'; min?: number; max?: number; pattern?: RegExp; patternText?: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' };

/**
 * One input member to check: where it sits in the input, its constraint, and whether the
 * model requires it.
 *
 * @example
 * const rule: MemberRule = { member: 'UserName', constraint: userNameType, required: true };
 */
export interface MemberRule {
  member: string;
  constraint: Constraint;
  required?: boolean;
}

function memberPath(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

// Lists and structures are shown as JSON: String() would print "[object Object]".
function describe(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return typeof value === 'object' ? `'${JSON.stringify(value)}'` : `'${String(value)}'`;
}

/**
 * The violations of one value against one constraint, in AWS's wording (empty if valid).
 *
 * @example
 * violations('x y', 'userName', userNameType);
 * // ["Value 'x y' at 'userName' failed to satisfy constraint: Member must satisfy ..."]
 */
export function violations(value: unknown, path: string, constraint: Constraint): string[] {
  const prefix = `Value ${describe(value)} at '${path}' failed to satisfy constraint: `;
  const found: string[] = [];

  if (constraint.type === 'string') {
    const text = String(value);
    if (constraint.min !== undefined && text.length < constraint.min) {
      found.push(`${prefix}Member must have length greater than or equal to ${constraint.min}`);
    }
    if (constraint.max !== undefined && text.length > constraint.max) {
      found.push(`${prefix}Member must have length less than or equal to ${constraint.max}`);
    }
    if (constraint.pattern && text.length > 0 && !constraint.pattern.test(text)) {
      const shown = constraint.patternText ?? constraint.pattern.source;
      found.push(`${prefix}Member must satisfy regular expression pattern: ${shown}`);
    }
  } else if (constraint.type === 'enum') {
    if (!constraint.values.includes(String(value))) {
      const set = constraint.values.join(', ');
      found.push(`${prefix}Member must satisfy enum value set: [${set}]`);
    }
  } else if (constraint.type === 'integer') {
    const number = Number(value);
    if (!Number.isInteger(number)) {
      found.push(`${prefix}Member must be an integer`);
    } else if (constraint.min !== undefined && number < constraint.min) {
      found.push(`${prefix}Member must have value greater than or equal to ${constraint.min}`);
    } else if (constraint.max !== undefined && number > constraint.max) {
      found.push(`${prefix}Member must have value less than or equal to ${constraint.max}`);
    }
  } else if (typeof value !== 'boolean') {
    found.push(`${prefix}Member must be a boolean`);
  }
  return found;
}

/**
 * Checks an input against its rules and throws one `ValidationError` naming every
 * violation, as AWS does ("2 validation errors detected: ...; ...").
 *
 * @example
 * validateInput({ UserName: 'x y' }, [{ member: 'UserName', constraint: userNameType,
 *   required: true }]); // throws ValidationError
 */
export function validateInput(input: object, rules: readonly MemberRule[]): void {
  const record = input as Record<string, unknown>;
  const found: string[] = [];

  for (const rule of rules) {
    const value = record[rule.member];
    const path = memberPath(rule.member);
    if (value === undefined || value === null) {
      if (rule.required) {
        found.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      }
      continue;
    }
    found.push(...violations(value, path, rule.constraint));
  }

  if (found.length > 0) throw validationError(found);
}
