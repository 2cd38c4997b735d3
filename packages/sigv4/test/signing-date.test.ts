// X-Amz-Date read and written by arithmetic, checked against Date's own calendar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { amzDateMs, toAmzDate } from '../src/signing-date.js';

const amz = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';

describe('X-Amz-Date', () => {
  it('reads every second of the calendar as Date does, and writes it back', () => {
    let state = 20200718;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const ms =
        Date.UTC(1000 + (next() % 9000), next() % 12, 1 + (next() % 31)) + (next() % 86_400) * 1000;
      const date = new Date(ms);
      const text = amz(date);
      assert.equal(amzDateMs(text), Math.floor(ms / 1000) * 1000, text);
      assert.equal(toAmzDate(date), text);
    }
  });

  it('refuses days past the month, leap days of common years, and bad digits', () => {
    for (const text of [
      '20230229T000000Z',
      '21000229T000000Z',
      '20240431T000000Z',
      '20240001T000000Z',
      '20241301T000000Z',
      '20240718T240000Z',
      '20240718T236000Z',
      '20240718T235960Z',
      '2024071xT000000Z',
      '20240718 000000Z',
      '20240718T000000',
      '+0240718T000000Z',
      '',
    ]) {
      assert.ok(Number.isNaN(amzDateMs(text)), text);
    }
    for (const text of ['20240229T000000Z', '20000229T235959Z', '19700101T000000Z']) {
      assert.equal(
        amzDateMs(text),
        Date.parse(
          `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T` +
            `${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`,
        ),
      );
    }
  });
});
