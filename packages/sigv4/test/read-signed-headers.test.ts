import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSignedHeaders } from '../src/read-signed-headers.js';

// The last list read is kept; what a caller gets must still be its own array.
describe('reading SignedHeaders again', () => {
  it('gives a fresh array each time, unchanged by what a caller did to the last one', () => {
    const first = readSignedHeaders('host;x-amz-date') as string[];
    first.push('x-extra');
    first[0] = 'changed';
    assert.deepEqual(readSignedHeaders('host;x-amz-date'), ['host', 'x-amz-date']);
    assert.notEqual(readSignedHeaders('host;x-amz-date'), readSignedHeaders('host;x-amz-date'));
  });

  it('refuses a bad list even right after a good one, and an empty one', () => {
    assert.deepEqual(readSignedHeaders('host'), ['host']);
    assert.equal(readSignedHeaders('Host'), undefined);
    assert.equal(readSignedHeaders('host;;x-amz-date'), undefined);
    assert.equal(readSignedHeaders(''), undefined);
    assert.equal(readSignedHeaders(''), undefined);
  });
});
