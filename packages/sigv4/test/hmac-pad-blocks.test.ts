import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { NodeSigningKey, hmacHex } from '../src/crypto/node-crypto.js';

// hmacHex builds HMAC-SHA256 from precomputed pad blocks and two one-shot hashes; it must give
// exactly what node's own createHmac gives, for any key and any message.
function randomMessage(round: number): string {
  const length = (round * 37) % 700;
  if (round % 3 === 0) return randomBytes(length).toString('latin1') + '\u20ac\ud83d\ude00';
  return randomBytes(length).toString('base64');
}

describe('HMAC-SHA256 from precomputed pad blocks', () => {
  it('matches createHmac on random keys and messages, short and long, ASCII or not', () => {
    for (let round = 0; round < 5000; round++) {
      const keyBytes = randomBytes(round % 11 === 0 ? 64 + (round % 50) : 32);
      const key = new NodeSigningKey(keyBytes);
      for (const message of [randomMessage(round), '', 'AWS4-HMAC-SHA256\n20150830T123600Z']) {
        const expected = createHmac('sha256', keyBytes).update(message).digest('hex');
        assert.equal(hmacHex(key, message), expected, `round ${round}`);
      }
    }
  });

  it('gives the same answer when one key signs many messages in a row', () => {
    const keyBytes = randomBytes(32);
    const key = new NodeSigningKey(keyBytes);
    for (const message of ['a'.repeat(600), 'b', 'c'.repeat(100), 'b']) {
      const expected = createHmac('sha256', keyBytes).update(message).digest('hex');
      assert.equal(hmacHex(key, message), expected);
    }
  });
});
