// The entity decoding XML responses need: the five predefined entities and numeric character
// references (AWS and the emulator escape a carriage return as `&#13;`). Handed to
// fast-xml-parser as its decoder, built once: its own decoder with numeric references also
// merges every HTML entity table on each parse, which cost more than the parse itself.
// Entities a document declares are not expanded.

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  apos: "'",
  quot: '"',
};
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|apos|quot));/g;

/**
 * Decodes `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;`, `&#NNN;` and `&#xHH;` in one pass, so
 * `&amp;#65;` stays the text `&#65;`. A reference to no character XML allows (NUL, a surrogate,
 * beyond U+10FFFF) is left as written.
 *
 * @example decodeXmlText('a&amp;b&#13;') // 'a&b\r'
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (reference, hex?: string, decimal?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name];
    const codePoint = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    const allowed =
      codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return allowed ? String.fromCodePoint(codePoint) : reference;
  });
}

/**
 * The decoder object fast-xml-parser's `entityDecoder` option takes; stateless, so one serves
 * every parse.
 *
 * @example new XMLParser({ processEntities: true, entityDecoder: xmlEntityDecoder })
 */
export const xmlEntityDecoder = {
  decode: decodeXmlText,
  reset(): void {},
  setXmlVersion(): void {},
  setExternalEntities(): void {},
  addInputEntities(): void {},
};
