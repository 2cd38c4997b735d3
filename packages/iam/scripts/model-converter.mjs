// Converts botocore's service-model JSON into the compact tables the runtime reads: shapes
// keep their type, members, wire names and constraints; documentation is dropped.
// Shared by generate-model.mjs and by the tests that build small models of their own.

function pick(source, keys) {
  const out = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** Converts one botocore shape. */
export function convertShape(shape) {
  const out = { type: shape.type };
  if (shape.type === 'structure') {
    out.members = {};
    const locationNames = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      out.members[name] = ref.shape;
      if (ref.locationName) locationNames[name] = ref.locationName;
    }
    if (Object.keys(locationNames).length > 0) out.locationNames = locationNames;
    if (shape.required?.length) out.required = shape.required;
    if (shape.error) {
      out.error = { code: shape.error.code, status: shape.error.httpStatusCode };
      out.error.fault = shape.error.senderFault ? 'Sender' : 'Receiver';
    }
  } else if (shape.type === 'list') {
    out.member = shape.member.shape;
    if (shape.member.locationName) out.memberName = shape.member.locationName;
    if (shape.flattened) out.flattened = true;
  } else if (shape.type === 'map') {
    out.key = shape.key.shape;
    out.value = shape.value.shape;
    if (shape.key.locationName) out.keyName = shape.key.locationName;
    if (shape.value.locationName) out.valueName = shape.value.locationName;
    if (shape.flattened) out.flattened = true;
  }
  Object.assign(out, pick(shape, ['min', 'max', 'pattern', 'enum', 'timestampFormat']));
  if (shape.sensitive) out.sensitive = true;
  return out;
}

/** Converts one botocore operation; `shapes` are the raw botocore shapes. */
export function convertOperation(operation, shapes) {
  const out = {};
  if (operation.input) {
    out.input = operation.input.shape;
    const required = shapes[operation.input.shape].required ?? [];
    if (required.length > 0) out.required = required;
  }
  if (operation.output) {
    out.output = operation.output.shape;
    if (operation.output.resultWrapper) out.resultWrapper = operation.output.resultWrapper;
  }
  return out;
}

/** Converts one entry of paginators-1.json. */
export function convertPaginator(paginator) {
  const list = (value) => (Array.isArray(value) ? value : [value]);
  return {
    inputToken: paginator.input_token,
    outputToken: paginator.output_token,
    ...(paginator.limit_key ? { limitKey: paginator.limit_key } : {}),
    resultKeys: list(paginator.result_key),
    ...(paginator.more_results ? { moreResults: paginator.more_results } : {}),
  };
}

/**
 * Converts a whole botocore service model (and its paginators) into the runtime tables.
 *
 * @example
 * const { operations, shapes, paginators } = convertModel(api, pagination);
 */
export function convertModel(api, paginators = {}) {
  const model = { operations: {}, shapes: {}, paginators: {} };
  for (const [name, operation] of Object.entries(api.operations)) {
    model.operations[name] = convertOperation(operation, api.shapes);
  }
  for (const [name, shape] of Object.entries(api.shapes)) {
    model.shapes[name] = convertShape(shape);
  }
  for (const [name, paginator] of Object.entries(paginators)) {
    model.paginators[name] = convertPaginator(paginator);
  }
  return model;
}
