import { usageError } from './cli-error.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Reads a `--header 'Name: value'` argument as curl writes it. The name must be an HTTP token
 * (no spaces, nothing before the colon but the name); the value is trimmed.
 *
 * @example parseHeaderArgument('Content-Type: text/plain') // ['Content-Type', 'text/plain']
 */
export function parseHeaderArgument(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon === -1) {
    throw usageError('InvalidHeader', `header ${JSON.stringify(text)} is not "Name: value"`);
  }
  const name = text.slice(0, colon);
  if (!TOKEN.test(name)) {
    throw usageError(
      'InvalidHeader',
      `header name ${JSON.stringify(name)} is not a valid HTTP header name ` +
        "(letters, digits and !#$%&'*+-.^_`|~, no spaces)",
    );
  }
  const value = text.slice(colon + 1).trim();
  if (/[\r\n]/.test(value)) {
    throw usageError(
      'InvalidHeader',
      `header ${name} has a line break in its value: one -H per header, each on one line`,
    );
  }
  return [name, value];
}

/**
 * Collects a repeatable flag's values for commander.
 *
 * @example command.option('--header <line>', 'a header', collect, [])
 */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
