import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantTimeEqual, signatureMatches } from '../src/signature-compare.js';

const hex = 'a'.repeat(31) + '0123456789abcdef' + 'f'.repeat(17);

describe('signature comparison', () => {
  it('matches only the same 64 lower-case hex digits', () => {
    assert.equal(signatureMatches(hex, hex), true);
    assert.equal(signatureMatches(hex, ('x=' + hex).slice(2)), true);
    assert.equal(signatureMatches(hex, hex.toUpperCase()), false);
    assert.equal(signatureMatches(hex, hex.slice(0, 63) + 'e'), false);
    assert.equal(signatureMatches(hex, hex.slice(0, 63)), false);
    assert.equal(signatureMatches(hex, hex + '0'), false);
    assert.equal(signatureMatches(hex, ''), false);
  });

  it('refuses characters outside ASCII, wherever they are', () => {
    for (const odd of ['é', 'ሴ', '😀'.slice(0, 1), '\u0161' /* low byte 0x61, "a" */]) {
      assert.equal(signatureMatches(hex, odd + hex.slice(1)), false, JSON.stringify(odd));
      assert.equal(signatureMatches(hex, hex.slice(0, 63) + odd), false, JSON.stringify(odd));
    }
  });

  it('compares any strings in constant time for longer values', () => {
    assert.equal(constantTimeEqual('token', 'token'), true);
    assert.equal(constantTimeEqual('token', 'tokem'), false);
    assert.equal(signatureMatches('x'.repeat(100), 'x'.repeat(100)), true);
  });
});
