import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SigV4Error } from '@iam-bridge/sigv4/web';
import { parseHeaderLines } from '../../web/src/header-lines.js';

describe('parseHeaderLines', () => {
  it('reads Name: value lines, skips blank lines, keeps folded continuations', () => {
    assert.deepEqual(parseHeaderLines('Host:example.com\r\n\nMy-Header: a\n  b\nX-Empty:'), [
      ['Host', 'example.com'],
      ['My-Header', ' a\n  b'],
      ['X-Empty', ''],
    ]);
  });

  it('refuses a line without a name, with its line number', () => {
    assert.throws(
      () => parseHeaderLines('Host: a\nno colon'),
      (e: unknown) =>
        e instanceof SigV4Error && e.code === 'InvalidHeaderName' && /line 2/.test(e.message),
    );
    assert.throws(() => parseHeaderLines(': value'), SigV4Error);
    assert.throws(() => parseHeaderLines(' continued'), /line 1/);
  });
});
