import type { FastifySchemaValidationError } from 'fastify';

/**
 * One sentence for a schema refusal, naming the field at fault (`body.userName`,
 * `querystring.limit`), and that field.
 *
 * @example
 * validationMessage([{ keyword: 'additionalProperties', instancePath: '',
 *   params: { additionalProperty: 'colour' } }], 'body').message
 * // 'body.colour is not a known field'
 */
export function validationMessage(
  errors: readonly FastifySchemaValidationError[],
  context = 'body',
): { message: string; field: string } {
  const first = errors[0];
  if (!first) return { message: `${context} is invalid`, field: context };
  const path = first.instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  const params = first.params as Record<string, unknown>;
  let field = `${context}${path}`;
  let problem: string;
  switch (first.keyword) {
    case 'additionalProperties':
      field = `${field}.${String(params.additionalProperty)}`;
      problem = 'is not a known field';
      break;
    case 'required':
      field = `${field}.${String(params.missingProperty)}`;
      problem = 'is required';
      break;
    case 'type':
      problem = `must be of type ${String(params.type)}`;
      break;
    case 'pattern':
      problem = `does not match ${String(params.pattern)}`;
      break;
    case 'enum':
      problem = `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
      break;
    default:
      problem = first.message ?? 'is invalid';
  }
  return { message: `${field} ${problem}`, field };
}
