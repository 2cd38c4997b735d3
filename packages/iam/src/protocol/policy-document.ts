import { percentEncode } from './form-encoding.js';

/**
 * Shapes whose values IAM URL-encodes in its XML responses (policy documents such as
 * `PolicyDocument`, `AssumeRolePolicyDocument` and a policy version's `Document`). Requests
 * carry them as plain JSON text.
 *
 * @example
 * POLICY_DOCUMENT_SHAPES.has('policyDocumentType'); // true
 */
export const POLICY_DOCUMENT_SHAPES: ReadonlySet<string> = new Set(['policyDocumentType']);

/**
 * Whether values of this shape are URL-encoded in responses.
 *
 * @example
 * isPolicyDocumentShape('policyDocumentType'); // true
 */
export function isPolicyDocumentShape(shapeName: string): boolean {
  return POLICY_DOCUMENT_SHAPES.has(shapeName);
}

/**
 * Encodes a policy document as IAM writes it in a response.
 *
 * @example
 * encodePolicyDocument('{"Version":"2012-10-17"}'); // '%7B%22Version%22%3A%222012-10-17%22%7D'
 */
export function encodePolicyDocument(document: string): string {
  return percentEncode(document);
}

/**
 * Decodes a policy document from a response; text that is not valid percent-encoding (a
 * server that sent the JSON as is) is returned unchanged.
 *
 * @example
 * decodePolicyDocument('%7B%7D'); // '{}'
 */
export function decodePolicyDocument(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
