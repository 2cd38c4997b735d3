import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, resolveRetryOptions } from '../../src/retry/backoff.js';
import { clockOffsetFrom, isClockSkewError } from '../../src/retry/clock-skew.js';

describe('backoffDelay', () => {
  it('draws full jitter below a doubling ceiling capped at maxDelayMs', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 20_000 };
    assert.equal(backoffDelay(1, { ...options, random: () => 0 }), 0);
    const ceilings = [1, 2, 3, 4, 10, 30].map((retry) =>
      backoffDelay(retry, { ...options, random: () => 0.9999999 }),
    );
    assert.deepEqual(ceilings, [99, 199, 399, 799, 19_999, 19_999]);
  });

  it('defaults to 5 attempts and refuses fewer than one', () => {
    assert.equal(resolveRetryOptions().maxAttempts, 5);
    assert.throws(() => resolveRetryOptions({ maxAttempts: 0 }), { code: 'InvalidOption' });
  });
});

describe('clock skew detection', () => {
  it('knows the skew codes, and signature errors only when they say so', () => {
    assert.ok(isClockSkewError({ code: 'RequestTimeTooSkewed', message: '' }));
    assert.ok(isClockSkewError({ code: 'RequestExpired', message: '' }));
    assert.ok(
      isClockSkewError({ code: 'SignatureDoesNotMatch', message: 'Signature expired: 2020...' }),
    );
    assert.ok(
      isClockSkewError({ code: 'InvalidSignatureException', message: 'Signature expired: x' }),
    );
    assert.ok(!isClockSkewError({ code: 'SignatureDoesNotMatch', message: 'does not match' }));
    assert.ok(!isClockSkewError({ code: 'Throttling', message: 'Signature expired' }));
  });

  it('learns an offset only from a Date far from the clock already in use', () => {
    const local = Date.parse('2020-07-18T21:11:59Z');
    assert.equal(clockOffsetFrom('Sat, 18 Jul 2020 22:11:59 GMT', local, 0), 3_600_000);
    assert.equal(clockOffsetFrom('Sat, 18 Jul 2020 21:12:09 GMT', local, 0), undefined);
    assert.equal(clockOffsetFrom('Sat, 18 Jul 2020 22:11:59 GMT', local, 3_600_000), undefined);
    assert.equal(clockOffsetFrom(null, local, 0), undefined);
    assert.equal(clockOffsetFrom('not a date', local, 0), undefined);
  });
});
