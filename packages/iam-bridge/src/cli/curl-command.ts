/** What a curl command line is made from. */
export interface CurlInput {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Body given inline. */
  data?: string;
  /** Body read from this file (sent with `--data-binary @file`). */
  dataFile?: string;
}

/**
 * Formats a curl command that sends exactly the signed request, each argument single-quoted for
 * POSIX shells.
 *
 * @example
 * formatCurlCommand({ method: 'GET', url: 'https://iam.amazonaws.com/', headers: { a: 'b' } })
 * // "curl 'https://iam.amazonaws.com/' -H 'a: b'"
 */
export function formatCurlCommand(input: CurlInput): string {
  const hasBody = input.data !== undefined || input.dataFile !== undefined;
  const parts = ['curl'];
  // curl sends GET without a body and POST with one; anything else must be named.
  if (input.method !== (hasBody ? 'POST' : 'GET')) parts.push('-X', shellQuote(input.method));
  parts.push(shellQuote(input.url));
  for (const [name, value] of Object.entries(input.headers)) {
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (input.dataFile !== undefined) parts.push('--data-binary', shellQuote('@' + input.dataFile));
  else if (input.data !== undefined) parts.push('--data-binary', shellQuote(input.data));
  return parts.join(' ');
}

/**
 * Quotes one argument for a POSIX shell; plain words are left as they are.
 *
 * @example shellQuote("it's") // `'it'\''s'`
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_\-.,:/@%+=]+$/.test(value)) return value;
  return "'" + value.replace(/'/g, "'\\''") + "'";
}
