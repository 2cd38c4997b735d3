import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

/**
 * A valid PNG standing in for AWS's QR code: a blank square whose `tEXt` chunk carries the
 * `otpauth://` URI. It is not a scannable QR code (see the README's Limitations); clients
 * that only store or base64-encode the bytes behave as with AWS.
 *
 * @example
 * otpauthImage('otpauth://totp/...').subarray(1, 4).toString(); // 'PNG'
 */
export function otpauthImage(otpauthUri: string): Buffer {
  const size = 21;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale

  const rows = Buffer.alloc(size * (size + 1), 255);
  for (let row = 0; row < size; row++) rows[row * (size + 1)] = 0; // filter: none

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from(`Comment\u0000${otpauthUri}`, 'latin1')),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
