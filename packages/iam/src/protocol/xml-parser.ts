import { IamError } from '../errors.js';
import { isPolicyDocumentShape, decodePolicyDocument } from './policy-document.js';
import { findOperation, findShape, memberWireName } from './service-model.js';
import type { OperationOutput, OperationTypes, ServiceModel, ShapeModel } from './service-model.js';
import { decodeBase64, parseTimestamp } from './wire-scalars.js';
import { asObject, elements, parseXml, single, textOf } from './xml-document.js';
import type { XmlNode } from './xml-document.js';

/**
 * A successful response: the operation's typed result and AWS's request id.
 *
 * @example
 * const { result, requestId }: ParsedResponse<{ User: { UserName: string } }> = parsed;
 */
export interface ParsedResponse<Output> {
  result: Output;
  requestId?: string;
}

/**
 * Reads an operation's XML response into its typed output, driven by the output shape:
 * `<member>` elements become arrays (one member is still an array, `<Users/>` is `[]`),
 * `<entry><key/><value/></entry>` become objects, timestamps become `Date`, integers
 * numbers, booleans booleans, blobs bytes, and IAM's URL-encoded policy documents are
 * decoded. Strings stay strings; missing optional members stay absent.
 *
 * @throws IamError the AWS error when the body is an error response; `MalformedResponse`.
 * @example
 * const { result } = parseResponse(iamModel, 'GetUser', body);
 * result.User.CreateDate instanceof Date; // true
 */
export function parseResponse<Ops extends OperationTypes, Name extends string>(
  model: ServiceModel<Ops>,
  operationName: Name,
  xmlText: string,
): ParsedResponse<OperationOutput<Ops, Name>> {
  const operation = findOperation(model, operationName);
  const document = parseXml(xmlText);
  const rootName = Object.keys(document).find((name) => !name.startsWith('?'));
  if (rootName === undefined) throw malformed(`${operationName} response has no root element`);
  if (rootName === 'ErrorResponse' || rootName === 'Response') {
    throw parseErrorResponse(200, xmlText, {});
  }
  // Another document (a proxy's page, another service's answer) is no answer to this call,
  // however well-formed: read as one, it would give a result with every member missing.
  if (rootName !== `${operationName}Response`) {
    throw malformed(
      `${operationName} response is <${rootName.slice(0, 60)}>, not <${operationName}Response>: ` +
        'is the endpoint an IAM or STS endpoint?',
    );
  }

  const root = asObject(document[rootName]);
  const requestId = textOf(asObject(root.ResponseMetadata).RequestId);
  const parsed: ParsedResponse<any> = { result: {} };
  if (requestId !== undefined) parsed.requestId = requestId;
  if (operation.output === undefined) return parsed;

  const resultNode = operation.resultWrapper ? root[operation.resultWrapper] : root;
  if (resultNode === undefined) return parsed;
  parsed.result = readNode(model, operation.output, single(resultNode), operation.output);
  return parsed;
}

/**
 * Turns a failed HTTP response into an `IamError`: AWS's
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, the
 * `<Response><Errors><Error>` form, or moto_server's `<ErrorResponse><Errors><Error>` mix of
 * the two (request id in `<RequestId>` or `<RequestID>` in each), keeping unknown codes as
 * they came. A body that is no
 * AWS error (an HTML page from a proxy) gives `UnexpectedResponse` quoting the HTTP status
 * and the start of the body. Any 5xx, and the throttling codes, are retryable.
 *
 * @example
 * const error = parseErrorResponse(404, body, { 'x-amzn-requestid': 'abc' });
 * error.code; // 'NoSuchEntity'
 */
export function parseErrorResponse(
  status: number,
  bodyText: string,
  headers: Headers | Readonly<Record<string, string | string[] | undefined>> = {},
): IamError {
  const headerRequestId = requestIdHeader(headers);
  const error = findErrorElement(bodyText);

  if (error === undefined || textOf(error.node.Code) === undefined) {
    const excerpt = bodyText.trim().slice(0, 200);
    const shownBody =
      excerpt === '' ? 'an empty body' : `a body that is not an AWS error: ${excerpt}`;
    return new IamError({
      code: 'UnexpectedResponse',
      message: `HTTP ${status} with ${shownBody}`,
      status,
      ...(headerRequestId === undefined ? {} : { requestId: headerRequestId }),
    });
  }

  const requestId = textOf(error.requestId) ?? headerRequestId;
  return IamError.fromErrorResponse(
    {
      code: textOf(error.node.Code)!.trim(),
      ...optional('type', textOf(error.node.Type)?.trim()),
      ...optional('message', textOf(error.node.Message)),
      ...optional('requestId', requestId?.trim()),
    },
    status,
  );
}

function findErrorElement(bodyText: string) {
  if (!bodyText.trimStart().startsWith('<')) return undefined;
  let document: Record<string, XmlNode>;
  try {
    document = parseXml(bodyText);
  } catch {
    return undefined;
  }

  const root = document.ErrorResponse ?? document.Response;
  if (root === undefined) return undefined;
  const children = asObject(single(root));
  // AWS nests <Error> directly under <ErrorResponse>; EC2-style services and moto_server's
  // signature errors put it inside <Errors>, under either root.
  const errorNode = children.Error ?? asObject(single(children.Errors)).Error;
  return {
    node: asObject(single(errorNode)),
    requestId: single(children.RequestId ?? children.RequestID),
  };
}

function requestIdHeader(
  headers: Headers | Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  for (const name of ['x-amzn-requestid', 'x-amz-request-id']) {
    if (typeof Headers !== 'undefined' && headers instanceof Headers) {
      const value = headers.get(name);
      if (value) return value;
      continue;
    }
    const record = headers as Readonly<Record<string, string | string[] | undefined>>;
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
    const value = key === undefined ? undefined : record[key];
    if (value) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function readNode(
  model: ServiceModel<any>,
  shapeName: string,
  node: XmlNode | XmlNode[],
  path: string,
): any {
  const shape = findShape(model, shapeName);
  switch (shape.type) {
    case 'structure':
      return readStructure(model, shape, node, path);
    case 'list': {
      const container = shape.flattened ? node : asObject(node)[shape.memberName ?? 'member'];
      return elements(container).map((item, index) => {
        return readNode(model, shape.member!, item, `${path}[${index}]`);
      });
    }
    case 'map':
      return readMap(model, shape, node, path);
    default:
      return readScalar(shape, shapeName, textOf(node) ?? '', path);
  }
}

function readStructure(
  model: ServiceModel<any>,
  shape: ShapeModel,
  node: XmlNode | XmlNode[],
  path: string,
): Record<string, unknown> {
  const children = asObject(node);
  const out: Record<string, unknown> = {};
  for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
    const child = children[memberWireName(model, shape, name)];
    if (child === undefined) continue;
    const memberModel = findShape(model, memberShape);
    // Only a flattened list or map repeats its own element; any other member appears once.
    const repeats = memberModel.flattened && ['list', 'map'].includes(memberModel.type);
    const value = repeats ? child : single(child);
    out[name] = readNode(model, memberShape, value, `${path}.${name}`);
  }
  return out;
}

function readMap(
  model: ServiceModel<any>,
  shape: ShapeModel,
  node: XmlNode | XmlNode[],
  path: string,
): Record<string, unknown> {
  const entries = shape.flattened ? node : asObject(node).entry;
  const out: Record<string, unknown> = {};
  for (const entry of elements(entries)) {
    const fields = asObject(entry);
    const key = textOf(single(fields[shape.keyName ?? 'key']));
    const value = fields[shape.valueName ?? 'value'];
    if (key === undefined || value === undefined) continue;
    setEntry(out, key, readNode(model, shape.value!, single(value), `${path}.${key}`));
  }
  return out;
}

function readScalar(shape: ShapeModel, shapeName: string, text: string, path: string): unknown {
  switch (shape.type) {
    case 'string':
      return isPolicyDocumentShape(shapeName) ? decodePolicyDocument(text) : text;
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) badValue(path, 'a number', text);
      return number;
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') badValue(path, 'a boolean', text);
      return lower === 'true';
    }
    case 'timestamp':
      return parseTimestamp(text) ?? badValue(path, 'a timestamp', text);
    case 'blob':
      return decodeBase64(text);
    default:
      throw new Error(`shape type ${shape.type} cannot be a scalar`);
  }
}

function optional<Key extends string>(key: Key, value: string | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<Key, string>>;
}

function malformed(message: string): IamError {
  return new IamError({ code: 'MalformedResponse', message });
}

function badValue(path: string, expected: string, text: string): never {
  throw malformed(`response member ${path} should be ${expected}, got ${JSON.stringify(text)}`);
}

// A map key such as `__proto__` must become an own entry, never the object's prototype.
function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
