// A canonical request kept for reuse, split where X-Amz-Date goes, as text and as UTF-8 bytes with
// room for the payload hash (which always comes last). Shared by the signer's and the verifier's
// templates: both rewrite only the time and the payload hash of a request shape seen before.

/** A string that holds X-Amz-Date at one place (`tail` set), or none (`tail` undefined). */
export interface DateSlot {
  head: string;
  tail: string | undefined;
}

/** A canonical request without its payload hash, ready to be completed. */
export interface CanonicalTemplate {
  text: DateSlot;
  /** The text as UTF-8, room for the time and the payload hash; what was written there last. */
  bytes: Uint8Array;
  /** Where the time goes (as long as it), and where the payload hash goes (to the end). */
  dateRoom: Uint8Array;
  hashRoom: Uint8Array;
  hashAt: number;
  writtenDate: string;
  writtenHash: string;
  view: Uint8Array;
}

// Portable (Node, browsers, workers): the templates serve the Web Crypto signer as well.
const utf8 = new TextEncoder();

// Bytes kept after the canonical request for its payload hash: 64 hex digits, UNSIGNED-PAYLOAD,
// or a caller-stated x-amz-content-sha256 of up to a third of this in UTF-16 units.
const HASH_ROOM = 256;

/**
 * Splits `text` at `amzDate` when it occurs there exactly once; `tail` is undefined when it does
 * not occur, and the result undefined when it occurs more than once (ambiguous).
 *
 * @example splitAtDate('x-amz-date:20200718T211159Z\n', '20200718T211159Z')
 * // { head: 'x-amz-date:', tail: '\n' }
 */
export function splitAtDate(text: string, amzDate: string): DateSlot | undefined {
  const at = text.indexOf(amzDate);
  if (at === -1) return { head: text, tail: undefined };
  if (text.indexOf(amzDate, at + 1) !== -1) return undefined;
  return { head: text.slice(0, at), tail: text.slice(at + amzDate.length) };
}

/**
 * The slot's string with `amzDate` in its place.
 *
 * @example fillDate({ head: 'x-amz-date:', tail: '\n' }, amzDate)
 */
export function fillDate(slot: DateSlot, amzDate: string): string {
  return slot.tail === undefined ? slot.head : slot.head + amzDate + slot.tail;
}

/**
 * A template of a canonical request (given without its payload hash): split at `amzDate`, which
 * must occur exactly once, or kept whole when `amzDate` is undefined (a text that never changes
 * but for the payload hash). Undefined when the split is ambiguous.
 *
 * @example canonicalTemplate(text.slice(0, -64), '20200718T211159Z')
 */
export function canonicalTemplate(
  textWithoutHash: string,
  amzDate: string | undefined,
): CanonicalTemplate | undefined {
  let text: DateSlot | undefined = { head: textWithoutHash, tail: undefined };
  if (amzDate !== undefined) {
    text = splitAtDate(textWithoutHash, amzDate);
    if (text === undefined || text.tail === undefined) return undefined;
  }
  const head = utf8.encode(text.head);
  const tail = utf8.encode(text.tail ?? '');
  const dateLength = amzDate?.length ?? 0;
  const hashAt = head.length + dateLength + tail.length;
  const bytes = new Uint8Array(hashAt + HASH_ROOM);
  bytes.set(head, 0);
  bytes.set(tail, head.length + dateLength);
  return {
    text,
    bytes,
    dateRoom: bytes.subarray(head.length, head.length + dateLength),
    hashRoom: bytes.subarray(hashAt),
    hashAt,
    writtenDate: '',
    writtenHash: '',
    view: bytes.subarray(0, 0),
  };
}

/**
 * The completed canonical request as text.
 *
 * @example completeText(template, amzDate, payloadHash)
 */
export function completeText(t: CanonicalTemplate, amzDate: string, payloadHash: string): string {
  return fillDate(t.text, amzDate) + payloadHash;
}

/**
 * The completed canonical request as UTF-8, written into the template's buffer (only what changed
 * since the last use; valid until the next). Undefined when the time or the hash does not fit.
 *
 * @example sha256Hex(completeBytes(template, amzDate, payloadHash) ?? completeText(...))
 */
export function completeBytes(
  t: CanonicalTemplate,
  amzDate: string,
  payloadHash: string,
): Uint8Array | undefined {
  if (t.dateRoom.length !== 0) {
    // X-Amz-Date is ASCII of a fixed length: a time that formats otherwise takes the text path.
    if (amzDate.length !== t.dateRoom.length) return undefined;
    if (t.writtenDate !== amzDate) {
      if (utf8.encodeInto(amzDate, t.dateRoom).written !== amzDate.length) return undefined;
      t.writtenDate = amzDate;
    }
  }
  if (payloadHash.length * 3 > HASH_ROOM) return undefined;
  if (t.writtenHash !== payloadHash) {
    t.view = t.bytes.subarray(0, t.hashAt + utf8.encodeInto(payloadHash, t.hashRoom).written);
    t.writtenHash = payloadHash;
  }
  return t.view;
}
