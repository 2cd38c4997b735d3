import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffLines } from '../../web/src/line-diff.js';

describe('diffLines', () => {
  it('keeps common lines and marks a changed line as removed then added', () => {
    assert.deepEqual(diffLines('GET\n/\nhost:a\n\nhost', 'GET\n/\nhost:b\n\nhost'), [
      { kind: 'same', text: 'GET' },
      { kind: 'same', text: '/' },
      { kind: 'ours', text: 'host:a' },
      { kind: 'theirs', text: 'host:b' },
      { kind: 'same', text: '' },
      { kind: 'same', text: 'host' },
    ]);
  });

  it('finds an inserted and a dropped line', () => {
    const kinds = diffLines('a\nb\nc', 'a\nx\nb').map((l) => `${l.kind}:${l.text}`);
    assert.deepEqual(kinds, ['same:a', 'theirs:x', 'same:b', 'ours:c']);
  });

  it('reports identical texts as all same', () => {
    assert.ok(diffLines('a\nb', 'a\nb').every((l) => l.kind === 'same'));
  });
});
