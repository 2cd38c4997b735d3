import { encodePolicyDocument, isPolicyDocumentShape } from './policy-document.js';
import { findOperation, findShape } from './service-model.js';
import type { OperationOutput, OperationTypes, ServiceModel, ShapeModel } from './service-model.js';
import { encodeBase64, formatTimestamp } from './wire-scalars.js';

/**
 * The XML namespace of IAM responses.
 *
 * @example
 * writeErrorResponse({ ...fields, xmlNamespace: IAM_XML_NAMESPACE });
 */
export const IAM_XML_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/**
 * What an XML error response says. `xmlNamespace` defaults to IAM's; pass
 * `stsModel.xmlNamespace` for STS.
 *
 * @example
 * const error: ErrorResponseFields = {
 *   type: 'Sender', code: 'NoSuchEntity', message: 'The user with name bob cannot be found.',
 *   requestId: '4c7e5f9a-0000-4000-8000-000000000000',
 * };
 */
export interface ErrorResponseFields {
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
  requestId: string;
  xmlNamespace?: string;
}

/**
 * Writes an operation's output as AWS does: `<OpResponse xmlns=...><OpResult>...</OpResult>
 * <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></OpResponse>`, members in
 * model order, lists as `<member>` elements, maps as `<entry><key/><value/></entry>`,
 * timestamps in ISO 8601 with `Z`, policy documents URL-encoded, text XML-escaped. An
 * operation without output gets only the metadata.
 *
 * @example
 * writeResponse(iamModel, 'DeleteUser', {}, 'f1e2d3c4-0000-4000-8000-000000000000');
 * // '<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
 * //  <ResponseMetadata><RequestId>f1e2...</RequestId></ResponseMetadata></DeleteUserResponse>'
 */
export function writeResponse<Ops extends OperationTypes, Name extends string>(
  model: ServiceModel<Ops>,
  operationName: Name,
  output: OperationOutput<Ops, Name>,
  requestId: string,
): string {
  const operation = findOperation(model, operationName);
  const root = `${operationName}Response`;
  const parts = [`<${root} xmlns="${escapeXml(model.xmlNamespace)}">`];

  if (operation.output !== undefined) {
    const body = writeMembers(model, findShape(model, operation.output), (output ?? {}) as object);
    const wrapper = operation.resultWrapper;
    parts.push(wrapper ? `<${wrapper}>${body}</${wrapper}>` : body);
  }
  parts.push(`<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId>`);
  parts.push(`</ResponseMetadata></${root}>`);
  return parts.join('');
}

/**
 * Writes AWS's XML error response:
 * `<ErrorResponse xmlns=...><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 *
 * @example
 * writeErrorResponse({ type: 'Sender', code: 'Throttling', message: 'Rate exceeded',
 *   requestId: 'r-1' });
 */
export function writeErrorResponse(fields: ErrorResponseFields): string {
  const namespace = escapeXml(fields.xmlNamespace ?? IAM_XML_NAMESPACE);
  return [
    `<ErrorResponse xmlns="${namespace}"><Error>`,
    `<Type>${escapeXml(fields.type)}</Type>`,
    `<Code>${escapeXml(fields.code)}</Code>`,
    `<Message>${escapeXml(fields.message)}</Message>`,
    `</Error><RequestId>${escapeXml(fields.requestId)}</RequestId></ErrorResponse>`,
  ].join('');
}

/**
 * Escapes text for an XML element or attribute. Carriage returns are written as `&#13;`,
 * since an XML reader would otherwise turn them into line feeds.
 *
 * @example
 * escapeXml('a<b & "c"'); // 'a&lt;b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (char) => XML_ESCAPES[char]!);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

function writeMembers(model: ServiceModel<any>, shape: ShapeModel, value: object): string {
  const record = value as Record<string, unknown>;
  let xml = '';
  for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
    if (record[name] === undefined || record[name] === null) continue;
    xml += writeElement(model, memberShape, shape.locationNames?.[name] ?? name, record[name]);
  }
  return xml;
}

function writeElement(
  model: ServiceModel<any>,
  shapeName: string,
  elementName: string,
  value: unknown,
): string {
  const shape = findShape(model, shapeName);
  switch (shape.type) {
    case 'structure':
      return `<${elementName}>${writeMembers(model, shape, value as object)}</${elementName}>`;
    case 'list':
      return writeList(model, shape, elementName, value as unknown[]);
    case 'map':
      return writeMap(model, shape, elementName, value as Record<string, unknown>);
    default:
      return `<${elementName}>${escapeXml(scalarText(shape, shapeName, value))}</${elementName}>`;
  }
}

function writeList(
  model: ServiceModel<any>,
  shape: ShapeModel,
  elementName: string,
  items: unknown[],
): string {
  if (shape.flattened) {
    const itemName = shape.memberName ?? elementName;
    return items.map((item) => writeElement(model, shape.member!, itemName, item)).join('');
  }
  if (items.length === 0) return `<${elementName}/>`;
  const itemName = shape.memberName ?? 'member';
  const body = items.map((item) => writeElement(model, shape.member!, itemName, item)).join('');
  return `<${elementName}>${body}</${elementName}>`;
}

function writeMap(
  model: ServiceModel<any>,
  shape: ShapeModel,
  elementName: string,
  map: Record<string, unknown>,
): string {
  const entries = Object.entries(map).filter(([, item]) => item !== undefined);
  const keyName = shape.keyName ?? 'key';
  const valueName = shape.valueName ?? 'value';
  const body = entries
    .map(([key, item]) => {
      const keyXml = writeElement(model, shape.key!, keyName, key);
      const valueXml = writeElement(model, shape.value!, valueName, item);
      return shape.flattened
        ? `<${elementName}>${keyXml}${valueXml}</${elementName}>`
        : `<entry>${keyXml}${valueXml}</entry>`;
    })
    .join('');
  if (shape.flattened) return body;
  return entries.length === 0 ? `<${elementName}/>` : `<${elementName}>${body}</${elementName}>`;
}

function scalarText(shape: ShapeModel, shapeName: string, value: unknown): string {
  switch (shape.type) {
    case 'string':
      return isPolicyDocumentShape(shapeName) ? encodePolicyDocument(String(value)) : String(value);
    case 'timestamp':
      return formatTimestamp(value instanceof Date ? value : new Date(value as string));
    case 'blob':
      return encodeBase64(value as Uint8Array | string);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}
