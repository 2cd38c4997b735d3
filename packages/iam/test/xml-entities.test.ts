import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml } from '../src/protocol/xml-document.js';
import { decodeXmlText } from '../src/protocol/xml-entities.js';

describe('XML entity decoding', () => {
  it('decodes the five predefined entities and numeric references in one pass', () => {
    assert.equal(decodeXmlText('a&amp;b &lt;c&gt; &apos;d&quot;'), 'a&b <c> \'d"');
    assert.equal(decodeXmlText('line&#13;&#10;end'), 'line\r\nend');
    assert.equal(decodeXmlText('&#x1F600; &#xe9;'), '😀 é');
    // An escaped ampersand before what looks like a reference stays text.
    assert.equal(decodeXmlText('&amp;#65; &amp;amp;'), '&#65; &amp;');
  });

  it('leaves references to no allowed character, and undeclared names, as written', () => {
    for (const text of ['&#0;', '&#xD800;', '&#x110000;', '&nbsp;', '&copy;', '& b', '&#;']) {
      assert.equal(decodeXmlText(text), text);
    }
  });

  it('is what parseXml applies to text, and a declared entity is not expanded', () => {
    assert.deepEqual(parseXml('<A><B>x&#13;&amp;y</B></A>'), { A: { B: 'x\r&y' } });
    const declared = parseXml('<!DOCTYPE A [<!ENTITY e "boom">]><A><B>&e;</B></A>');
    assert.deepEqual(declared, { A: { B: '&e;' } });
  });
});
