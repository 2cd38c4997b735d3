import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';

const BLOCK = 64;
// Room for a string to sign (about 130 bytes) with margin; longer messages get their own buffer.
const MESSAGE_ROOM = 448;

/**
 * A signing key ready for HMAC-SHA256 on Node: the key's inner and outer pad blocks (key XOR
 * 0x36, key XOR 0x5c, RFC 2104) computed once, each at the head of a buffer the message or the
 * inner digest is written after. Two one-shot hashes then make the HMAC, with no Hmac object.
 *
 * @example hmacHex(new NodeSigningKey(keyBytes), stringToSign)
 */
export class NodeSigningKey {
  /** The raw key bytes. */
  readonly bytes: Buffer;
  /** Inner pad block, then room for the message. */
  readonly inner: Buffer;
  /** Outer pad block, then the 32-byte inner digest. */
  readonly outer: Buffer;
  /** The start of `inner` that the last message filled, and its length. */
  message: Buffer;
  messageLength = 0;
  /** The string-to-sign head (all but its last line) that `inner` holds after the pad block. */
  head: string | undefined = undefined;
  /** Its length in bytes. */
  headBytes = 0;

  constructor(bytes: Buffer) {
    // Keys longer than a block are hashed first (RFC 2104); signing keys are 32 bytes.
    const key = bytes.length > BLOCK ? createHash('sha256').update(bytes).digest() : bytes;
    this.bytes = Buffer.from(bytes);
    this.inner = Buffer.alloc(BLOCK + MESSAGE_ROOM);
    this.outer = Buffer.alloc(BLOCK + 32);
    this.message = this.inner.subarray(0, 0);
    for (let i = 0; i < BLOCK; i++) {
      const k = i < key.length ? key[i] : 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }
}

/**
 * Hex SHA-256 with node:crypto.
 *
 * @example sha256Hex('') // 'e3b0c442...b855'
 */
export function sha256Hex(data: string | Uint8Array): string {
  return oneShotHash === undefined
    ? createHash('sha256').update(data).digest('hex')
    : oneShotHash('sha256', data, 'hex');
}

// Every Buffer on Node has latin1Write, the call write(text, offset, length, 'latin1') ends in;
// calling it directly skips write's encoding lookup and argument checks, a good part of the cost
// of writing a few dozen bytes. It is not documented, so write() stands in where it is missing.
type Latin1Write = (this: Buffer, text: string, offset: number, length: number) => number;
const latin1Write = (Buffer.prototype as { latin1Write?: Latin1Write }).latin1Write;

/**
 * Writes `text` as latin1 (one byte per character) into `buffer` at `offset`, at most `length`
 * bytes; returns the bytes written. The caller keeps offset and length within the buffer.
 *
 * @example writeLatin1(key.outer, innerDigest, 64, 32) // 32
 */
export function writeLatin1(buffer: Buffer, text: string, offset: number, length: number): number {
  return latin1Write === undefined
    ? buffer.write(text, offset, length, 'latin1')
    : latin1Write.call(buffer, text, offset, length);
}

// crypto.hash (Node 20.12+) skips the Hash object: about half the cost for short inputs.
const oneShotHash = (nodeCrypto as { hash?: typeof nodeCrypto.hash }).hash;
type OneShotHash = typeof nodeCrypto.hash;

/**
 * Derives the SigV4 signing key: HMAC chain over date, region, service and `aws4_request`.
 *
 * @example deriveSigningKey(secret, '20200718', 'us-east-1', 'iam')
 */
export function deriveSigningKey(
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string,
): NodeSigningKey {
  return new NodeSigningKey(deriveSigningKeyBytes(secretAccessKey, date8, region, service));
}

/**
 * The raw bytes of the signing key (for explanation only; signing uses the NodeSigningKey).
 *
 * @example deriveSigningKeyBytes(secret, '20200718', 'us-east-1', 'iam').length // 32
 */
export function deriveSigningKeyBytes(
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string,
): Buffer {
  const kDate = createHmac('sha256', 'AWS4' + secretAccessKey)
    .update(date8)
    .digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

/**
 * Hex HMAC-SHA256 of a string with a signing key.
 *
 * @example hmacHex(key, stringToSign)
 */
export function hmacHex(key: NodeSigningKey, data: string): string {
  const hash = oneShotHash;
  if (hash === undefined) return createHmac('sha256', key.bytes).update(data).digest('hex');

  // A UTF-8 character takes at most three bytes per UTF-16 unit.
  if (data.length * 3 > MESSAGE_ROOM) {
    const inner = Buffer.allocUnsafe(BLOCK + Buffer.byteLength(data));
    key.inner.copy(inner, 0, 0, BLOCK);
    inner.write(data, BLOCK);
    return outerHash(hash, key, hash('sha256', inner, 'binary'));
  }
  key.head = undefined;
  const length = BLOCK + key.inner.write(data, BLOCK);
  // A key signs strings to sign of one length (same date, scope, hash size): the view is reused.
  if (length !== key.messageLength) {
    key.messageLength = length;
    key.message = key.inner.subarray(0, length);
  }
  return outerHash(hash, key, hash('sha256', key.message, 'binary'));
}

/**
 * Hex HMAC-SHA256 of `head + hash` with a signing key, where `head` is the string to sign up to
 * its last line: the same for every signature of one second and scope. The key's buffer keeps the
 * head written, so a repeat writes only the 64 hex digits of the canonical request's hash.
 *
 * @example hmacHexAfterHead(key, stringToSign(amzDate, scope, ''), canonicalRequestHash)
 */
export function hmacHexAfterHead(key: NodeSigningKey, head: string, hash: string): string {
  const oneShot = oneShotHash;
  if (oneShot === undefined || hash.length !== 64 || (head.length + 64) * 3 > MESSAGE_ROOM) {
    return hmacHex(key, head + hash);
  }
  if (key.head !== head) {
    key.headBytes = key.inner.write(head, BLOCK);
    key.head = head;
  }
  const length = BLOCK + key.headBytes + writeLatin1(key.inner, hash, BLOCK + key.headBytes, 64);
  if (length !== key.messageLength) {
    key.messageLength = length;
    key.message = key.inner.subarray(0, length);
  }
  return outerHash(oneShot, key, oneShot('sha256', key.message, 'binary'));
}

// The inner digest travels as a binary (latin1) string, one character per byte: on Node 20 that
// is cheaper than a Buffer, which costs an allocation (and garbage) per call.
function outerHash(hash: OneShotHash, key: NodeSigningKey, innerDigest: string): string {
  writeLatin1(key.outer, innerDigest, BLOCK, 32);
  return hash('sha256', key.outer, 'hex');
}
