// Builds fast-check arbitraries for any shape of a model, so a property can range over
// every kind of value an operation's output can hold.
import fc from 'fast-check';

import type { ServiceModel } from '../../src/protocol/service-model.js';

// Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF).
const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

// Values that have broken XML readers before: numeric-looking, blank, markup, escapes.
const awkwardText = fc.constantFrom(
  '000000000000',
  '007',
  '1e5',
  '0x1F',
  'true',
  ' ',
  ' padded ',
  '',
  '\r\n',
  '\t',
  '<b>&amp;</b>',
  `"quoted" 'single'`,
  '%41%',
  '+ +',
  'é😀',
  '{"Version":"2012-10-17"}',
);

/** Text XML can carry, biased towards awkward values. */
export const xmlText: fc.Arbitrary<string> = fc
  .array(fc.oneof(awkwardText, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 4 })
  .map((parts) => parts.join(''))
  .filter((text) => !notInXml.test(text));

const timestamps = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/**
 * Which side of the wire the values are for. Each protocol has values it cannot carry:
 * XML has no empty flattened list; the Query protocol sends nothing for an empty map or
 * an empty structure, so they come back absent. The arbitraries leave those out.
 */
export type ValueSide = 'output' | 'input';

/**
 * An arbitrary for values of one shape, with the shape's required members always present.
 * Recursion stops after a few levels.
 *
 * @example
 * fc.sample(shapeArbitrary(iamModel, 'User'), 1);
 */
export function shapeArbitrary(
  model: ServiceModel<any>,
  shapeName: string,
  side: ValueSide = 'output',
  depth = 0,
): fc.Arbitrary<unknown> {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`no shape ${shapeName}`);
  const child = (name: string) => shapeArbitrary(model, name, side, depth + 1);
  const maxLength = depth > 3 ? 0 : 2;

  switch (shape.type) {
    case 'structure': {
      if (depth > 5) return fc.constant({});
      const members = Object.fromEntries(
        Object.entries(shape.members ?? {}).map(([name, member]) => [name, child(member)]),
      );
      const required = [...(shape.required ?? [])];
      const record = fc.record(members, { requiredKeys: required, noNullPrototype: true });
      if (side === 'output' || depth === 0) return record;
      return record.filter((value) => Object.keys(value).length > 0);
    }
    case 'list':
      return fc.array(child(shape.member!), {
        minLength: side === 'output' && shape.flattened ? 1 : 0,
        maxLength: Math.max(maxLength, 1),
      });
    case 'map':
      return fc
        .uniqueArray(fc.tuple(child(shape.key!), child(shape.value!)), {
          minLength: side === 'input' || shape.flattened ? 1 : 0,
          maxLength: Math.max(maxLength, 1),
          selector: ([key]) => key,
        })
        .map((entries) => Object.fromEntries(entries));
    case 'string':
      return shape.enum ? fc.constantFrom(...shape.enum) : xmlText;
    case 'integer':
      return fc.integer();
    case 'long':
      return fc.maxSafeInteger();
    case 'float':
    case 'double':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n));
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return timestamps;
    case 'blob':
      return fc.uint8Array({ maxLength: 8 });
    default:
      throw new Error(`shape type ${shape.type} has no arbitrary`);
  }
}
