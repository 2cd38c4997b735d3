import { XMLParser } from 'fast-xml-parser';

import { IamError } from '../errors.js';
import { xmlEntityDecoder } from './xml-entities.js';

/**
 * A parsed XML element: text for a leaf, an object of children otherwise; repeated
 * children are arrays.
 *
 * @example
 * const node: XmlNode = { User: { UserName: 'ana' } };
 */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

// Values are never converted by the XML parser: an account id `000000000000` or an access
// key id made of digits must stay text. The shape decides every conversion.
const xmlParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  entityDecoder: xmlEntityDecoder,
});

/**
 * Parses an XML document into plain nodes, without converting any value.
 *
 * @throws IamError `MalformedResponse` when the text is not well-formed XML.
 * @example
 * parseXml('<A><B>007</B></A>'); // { A: { B: '007' } }
 */
export function parseXml(xmlText: string): Record<string, XmlNode> {
  try {
    return xmlParser.parse(xmlText, true) as Record<string, XmlNode>;
  } catch (cause) {
    const message = `response is not well-formed XML: ${(cause as Error).message}`;
    throw new IamError({ code: 'MalformedResponse', message, cause });
  }
}

/**
 * The elements found under one name: none when absent, else one or many.
 *
 * @example
 * elements(parseXml('<L><member>a</member></L>').L); // [{ member: 'a' }]
 * elements(undefined); // []
 */
export function elements(container: XmlNode | XmlNode[] | undefined): XmlNode[] {
  if (container === undefined) return [];
  return Array.isArray(container) ? container : [container];
}

/**
 * The first of repeated elements, or the only one; `''` when absent.
 *
 * @example
 * single(['a', 'b']); // 'a'
 */
export function single(node: XmlNode | XmlNode[] | undefined): XmlNode {
  if (node === undefined) return '';
  return Array.isArray(node) ? (node[0] ?? '') : node;
}

/**
 * The children of an element, `{}` for a text-only or absent element.
 *
 * @example
 * asObject(parseXml('<A><B>1</B></A>').A).B; // '1'
 */
export function asObject(
  node: XmlNode | XmlNode[] | undefined,
): Record<string, XmlNode | XmlNode[]> {
  const value = single(node);
  return typeof value === 'string' ? {} : value;
}

/**
 * The text of an element (its direct text when it also has children), or undefined.
 *
 * @example
 * textOf(parseXml('<A>007</A>').A); // '007'
 */
export function textOf(node: XmlNode | XmlNode[] | undefined): string | undefined {
  const value = Array.isArray(node) ? node[0] : node;
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  const text = value['#text'];
  return typeof text === 'string' ? text : '';
}
