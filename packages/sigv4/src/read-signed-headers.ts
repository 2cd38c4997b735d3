// The SignedHeaders list of a signed request, as the verifier reads it.

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

// The last list read and its names: one client signs the same headers every time. Handed out as
// a copy, since the names reach the caller in the verification result.
let last = { value: '', names: [] as readonly string[] };

/**
 * Splits a SignedHeaders value at `;`; undefined unless every name is a lower-case header name.
 *
 * @example readSignedHeaders('host;x-amz-date') // ['host', 'x-amz-date']
 */
export function readSignedHeaders(value: string): string[] | undefined {
  if (value === last.value && value !== '') return last.names.slice();
  const names = value.split(';');
  if (!names.every((name) => HEADER_NAME.test(name))) return undefined;
  last = { value, names: names.slice() };
  return names;
}
