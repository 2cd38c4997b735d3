import { SigV4Error } from './errors.js';

/** A signing time as callers give it: a Date, epoch milliseconds, or an ISO 8601 / amz string. */
export type DateInput = Date | number | string;

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Reads a signing time. Accepts `20200718T211159Z` (the X-Amz-Date form), any ISO 8601 string
 * `Date` parses, a Date, or epoch milliseconds.
 *
 * @example parseSigningDate('20200718T211159Z').toISOString() // '2020-07-18T21:11:59.000Z'
 */
export function parseSigningDate(value: DateInput): Date {
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else if (typeof value === 'number') {
    date = new Date(value);
  } else if (typeof value === 'string') {
    const amz = AMZ_DATE.exec(value);
    date = amz
      ? new Date(`${amz[1]}-${amz[2]}-${amz[3]}T${amz[4]}:${amz[5]}:${amz[6]}Z`)
      : /^\d{4}-\d{2}-\d{2}/.test(value)
        ? new Date(value)
        : new Date(NaN);
  } else {
    date = new Date(NaN);
  }
  if (Number.isNaN(date.getTime())) {
    throw new SigV4Error(
      'InvalidDate',
      `date ${JSON.stringify(String(value))} is not a date: use ISO 8601 (2020-07-18T21:11:59Z) or 20200718T211159Z`,
    );
  }
  return date;
}

let lastSecond = NaN;
let lastAmzDate = '';
let lastDay = NaN;
let lastDayPrefix = '';
// '00' to '59': the two digits of an hour, minute or second.
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/**
 * Formats a time as X-Amz-Date (`YYYYMMDD'T'HHMMSS'Z'`, UTC).
 *
 * @example toAmzDate(new Date('2020-07-18T21:11:59.123Z')) // '20200718T211159Z'
 */
export function toAmzDate(date: Date): string {
  // Signatures made within the same second share their X-Amz-Date, and those of one day its
  // date part; toISOString, the slow part, runs once a day (and for an invalid date, whose
  // NaN day never equals the last one, refuses it as before).
  const ms = date.getTime();
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastAmzDate;
  const day = Math.floor(second / 86400);
  const ofDay = second - day * 86400;
  if (day !== lastDay) {
    const iso = date.toISOString();
    // '2020-07-18T21:11:59.123Z' -> '20200718T'
    lastDayPrefix = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + 'T';
    lastDay = day;
  }
  const hours = Math.floor(ofDay / 3600);
  const minutes = Math.floor((ofDay - hours * 3600) / 60);
  lastAmzDate =
    lastDayPrefix +
    TWO_DIGITS[hours] +
    TWO_DIGITS[minutes] +
    TWO_DIGITS[ofDay - hours * 3600 - minutes * 60] +
    'Z';
  lastSecond = second;
  return lastAmzDate;
}

/**
 * Reads an X-Amz-Date value strictly; returns undefined when it is not of that form.
 *
 * @example fromAmzDate('20150830T123600Z')?.toISOString() // '2015-08-30T12:36:00.000Z'
 */
export function fromAmzDate(value: string): Date | undefined {
  const ms = amzDateMs(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * Reads an X-Amz-Date value strictly into epoch milliseconds; NaN when it is not of that form.
 *
 * @example amzDateMs('20150830T123600Z') // 1440938160000
 */
export function amzDateMs(value: string): number {
  // A server reads the same X-Amz-Date for every request signed within that second.
  if (value === lastReadAmzDate) return lastReadMs;
  const ms = readAmzDateMs(value);
  if (Number.isNaN(ms)) return NaN;
  lastReadAmzDate = value;
  lastReadMs = ms;
  return ms;
}

let lastReadAmzDate = '';
let lastReadMs = 0;

// Digits at `from`..`from + count` of `text` as a number; NaN if any is not 0-9.
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (month 1-12).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// YYYYMMDD'T'HHMMSS'Z' read by position and arithmetic: a Date and a pattern match cost a
// verifier more than the rest of reading the date together.
function readAmzDateMs(value: string): number {
  if (value.length !== 16 || value.charCodeAt(8) !== 0x54 || value.charCodeAt(15) !== 0x5a) {
    return NaN;
  }
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 4, 2);
  const day = digitsAt(value, 6, 2);
  const hours = digitsAt(value, 9, 2);
  const minutes = digitsAt(value, 11, 2);
  const seconds = digitsAt(value, 13, 2);
  // NaN fails every comparison, so a non-digit anywhere gives NaN.
  const valid = year >= 0 && month >= 1 && month <= 12 && day >= 1;
  if (!(valid && hours <= 23 && minutes <= 59 && seconds <= 59)) return NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return NaN;
  return ((daysFromCivil(year, month, day) * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
}
