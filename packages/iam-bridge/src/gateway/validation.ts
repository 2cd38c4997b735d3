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
  const first = errorToReport(errors);
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
    case 'anyOf':
    case 'oneOf':
      problem = `must be of type ${branchTypes(errors, first).join(' or ')}`;
      break;
    case 'minLength':
      problem =
        params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} long`;
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

// For a value that may take one of several shapes (`loginProfile`: true, or an object), the
// refusal of the shape whose type it has says what is wrong ("loginProfile.x is not a known
// field"); the first branch's ("must be of type boolean") would mislead. When no branch has
// the value's type, the choice itself is reported.
function errorToReport(
  errors: readonly FastifySchemaValidationError[],
): FastifySchemaValidationError | undefined {
  const choice = errors.find((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  if (!choice) return errors[0];
  const branches = errors.filter(
    (error) => error !== choice && error.schemaPath.startsWith(`${choice.schemaPath}/`),
  );
  const typed = branches.find(
    (error) => !(error.keyword === 'type' && error.instancePath === choice.instancePath),
  );
  return typed ?? choice;
}

function branchTypes(
  errors: readonly FastifySchemaValidationError[],
  choice: FastifySchemaValidationError,
): string[] {
  const types = errors
    .filter(
      (error) => error.keyword === 'type' && error.schemaPath.startsWith(`${choice.schemaPath}/`),
    )
    .map((error) => String((error.params as { type?: unknown }).type));
  return types.length > 0 ? types : ['the kinds allowed'];
}
