#!/usr/bin/env node
// Generates the IAM and STS API model tables and TypeScript types from the service models
// that botocore ships, so the serializer, parser and writer are driven by AWS's own facts.
// Usage: node scripts/generate-model.mjs (from packages/iam, or with `npm run generate`).
// Documentation text from the models is dropped; shapes, constraints and paginators are kept.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const outputDir = join(packageRoot, 'src', 'generated');
const lineWidth = 100;

const services = [
  { name: 'iam', version: '2010-05-08', constName: 'iamModel', mapName: 'IamOperations' },
  { name: 'sts', version: '2011-06-15', constName: 'stsModel', mapName: 'StsOperations' },
];

// Names a generated interface must not take, because they shadow globals the types use.
const reservedTypeNames = new Set(['Date', 'Uint8Array', 'Record', 'Partial', 'String', 'Error']);

function botocoreDataDir() {
  const script = 'import botocore,os;print(os.path.dirname(botocore.__file__))';
  try {
    const dir = execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim();
    return join(dir, 'data');
  } catch (error) {
    throw new Error(`botocore not found through python3 (${error.message.split('\n')[0]})`);
  }
}

function readModel(dataDir, service) {
  const base = join(dataDir, service.name, service.version);
  const api = JSON.parse(gunzipSync(readFileSync(join(base, 'service-2.json.gz'))).toString());
  const paginators = JSON.parse(readFileSync(join(base, 'paginators-1.json'), 'utf8'));
  return { api, paginators: paginators.pagination ?? {} };
}

function pick(source, keys) {
  const out = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function convertShape(shape) {
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

function convertOperation(operation, shapes) {
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

function convertPaginator(paginator) {
  const list = (value) => (Array.isArray(value) ? value : [value]);
  return {
    inputToken: paginator.input_token,
    outputToken: paginator.output_token,
    ...(paginator.limit_key ? { limitKey: paginator.limit_key } : {}),
    resultKeys: list(paginator.result_key),
    ...(paginator.more_results ? { moreResults: paginator.more_results } : {}),
  };
}

function quote(text) {
  let out = "'";
  for (const char of text) {
    const code = char.codePointAt(0);
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out + "'";
}

// Splits a string too long for one line into a concatenation, never inside an escape.
function renderString(text, indent, used) {
  if (used + quote(text).length + 1 <= lineWidth) return quote(text);
  const chunks = [];
  let chunk = '';
  for (const char of text) {
    if (quote(chunk + char).length > lineWidth - used - 4) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  chunks.push(chunk);
  const pad = ' '.repeat(indent + 2);
  return chunks.map(quote).join(` +\n${pad}`);
}

function key(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}

// Renders a value as TypeScript source: on one line when it fits, else one entry per line.
// `used` is how much of the current line precedes the value; `indent` is that line's indent.
function render(value, indent, used = indent) {
  if (typeof value === 'string') return renderString(value, indent, used);
  if (typeof value !== 'object' || value === null) return String(value);

  const isArray = Array.isArray(value);
  const entries = isArray
    ? value.map((item) => render(item, indent + 2))
    : Object.entries(value).map(([name, item]) => {
        return `${key(name)}: ${render(item, indent + 2, indent + 4 + key(name).length)}`;
      });
  const [open, close] = isArray ? ['[', ']'] : ['{ ', ' }'];
  if (entries.length === 0) return isArray ? '[]' : '{}';

  const flat = isArray ? `[${entries.join(', ')}]` : `${open}${entries.join(', ')}${close}`;
  if (!flat.includes('\n') && used + flat.length + 1 <= lineWidth) return flat;

  const pad = ' '.repeat(indent + 2);
  const body = entries.map((entry) => `${pad}${entry},`).join('\n');
  return `${open.trim()}\n${body}\n${' '.repeat(indent)}${close.trim()}`;
}

function renderTable(name, table) {
  const lines = Object.entries(table).map(([entry, value]) => {
    return `    ${key(entry)}: ${render(value, 4, 6 + key(entry).length)},`;
  });
  return `  ${name}: {\n${lines.join('\n')}\n  },`;
}

function modelSource(service, model, api) {
  return [
    '// Generated by scripts/generate-model.mjs from the botocore service model. Do not edit.',
    `import type { ServiceModel } from '../protocol/service-model.js';`,
    `import type { ${service.mapName} } from './${service.name}-types.js';`,
    '',
    `/** The ${api.metadata.serviceId} API model: operations, shapes and paginators. */`,
    `export const ${service.constName}: ServiceModel<${service.mapName}> = {`,
    `  serviceId: ${quote(api.metadata.serviceId)},`,
    `  apiVersion: ${quote(api.metadata.apiVersion)},`,
    `  xmlNamespace: ${quote(api.metadata.xmlNamespace)},`,
    renderTable('operations', model.operations),
    renderTable('shapes', model.shapes),
    renderTable('paginators', model.paginators),
    '};',
    '',
  ].join('\n');
}

function typeExpression(shapeName, shapes) {
  const shape = shapes[shapeName];
  switch (shape.type) {
    case 'structure':
      return shapeName;
    case 'list':
      return arrayOf(typeExpression(shape.member.shape, shapes));
    case 'map': {
      const keyType = typeExpression(shape.key.shape, shapes);
      const record = `Record<${keyType}, ${typeExpression(shape.value.shape, shapes)}>`;
      return keyType === 'string' ? record : `Partial<${record}>`;
    }
    case 'string':
      return shape.enum ? shapeName : 'string';
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'Date';
    case 'blob':
      return 'Uint8Array';
    default:
      throw new Error(`shape ${shapeName} has unsupported type ${shape.type}`);
  }
}

function arrayOf(type) {
  return /^[\w.]+$/.test(type) ? `${type}[]` : `Array<${type}>`;
}

function wrapUnion(prefix, type, suffix) {
  const line = `${prefix}${type}${suffix}`;
  if (line.length <= lineWidth || !type.includes(' | ')) return [line];
  const indent = prefix.match(/^ */)[0] + '  ';
  const parts = type.split(' | ').map((part) => `${indent}| ${part}`);
  return [prefix.trimEnd(), ...parts.slice(0, -1), `${parts.at(-1)}${suffix}`];
}

function interfaceSource(name, shape, shapes) {
  const required = new Set(shape.required ?? []);
  const members = Object.entries(shape.members ?? {});
  if (members.length === 0) return [`export type ${name} = Record<string, never>;`];

  const lines = [`export interface ${name} {`];
  for (const [member, ref] of members) {
    const optional = required.has(member) ? '' : '?';
    lines.push(...wrapUnion(`  ${member}${optional}: `, typeExpression(ref.shape, shapes), ';'));
  }
  lines.push('}');
  return lines;
}

function typesSource(service, api) {
  const shapes = api.shapes;
  const out = [
    '// Generated by scripts/generate-model.mjs from the botocore service model. Do not edit.',
    `// Member names keep the model's PascalCase, as the AWS CLI and SDKs spell them.`,
    '',
  ];
  const structures = Object.keys(shapes).filter((name) => shapes[name].type === 'structure');
  const declared = new Set(structures);

  for (const name of structures) {
    if (reservedTypeNames.has(name)) throw new Error(`shape name ${name} shadows a global`);
    out.push(...interfaceSource(name, shapes[name], shapes), '');
  }
  for (const [name, shape] of Object.entries(shapes)) {
    if (shape.type !== 'string' || !shape.enum) continue;
    if (reservedTypeNames.has(name)) throw new Error(`shape name ${name} shadows a global`);
    out.push(...wrapUnion(`export type ${name} = `, shape.enum.map(quote).join(' | '), ';'), '');
  }

  const mapLines = [];
  for (const [operationName, operation] of Object.entries(api.operations)) {
    for (const [side, suffix] of [
      ['input', 'Request'],
      ['output', 'Response'],
    ]) {
      const alias = `${operationName}${suffix}`;
      if (operation[side] && operation[side].shape === alias) continue;
      if (declared.has(alias)) throw new Error(`${alias} is a shape of another operation`);
      const target = operation[side] ? operation[side].shape : 'Record<string, never>';
      out.push(`export type ${alias} = ${target};`, '');
    }
    const entry = `{ input: ${operationName}Request; output: ${operationName}Response }`;
    mapLines.push(...wrapUnion(`  ${operationName}: `, entry, ';'));
  }
  out.push(`/** Every ${api.metadata.serviceId} operation with its request and response types. */`);
  out.push(`export type ${service.mapName} = {`, ...splitLongEntries(mapLines), '};', '');
  return out.join('\n');
}

function splitLongEntries(lines) {
  return lines.flatMap((line) => {
    if (line.length <= lineWidth) return [line];
    const match = line.match(/^(\s*\w+): \{ input: (\w+); output: (\w+) \};$/);
    return [`${match[1]}: {`, `    input: ${match[2]};`, `    output: ${match[3]};`, '  };'];
  });
}

function generate() {
  const dataDir = botocoreDataDir();
  mkdirSync(outputDir, { recursive: true });

  for (const service of services) {
    const { api, paginators } = readModel(dataDir, service);
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

    writeFileSync(join(outputDir, `${service.name}-model.ts`), modelSource(service, model, api));
    writeFileSync(join(outputDir, `${service.name}-types.ts`), typesSource(service, api));
    const counts = [
      `${Object.keys(model.operations).length} operations`,
      `${Object.keys(model.shapes).length} shapes`,
      `${Object.keys(model.paginators).length} paginators`,
    ];
    console.log(`${service.name} ${api.metadata.apiVersion}: ${counts.join(', ')}`);
  }
}

generate();
