import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

import { fixedClock, openStore, rootContext } from '../../src/emulator/index.js';
import type { EmulatorContext, EmulatorStore } from '../../src/emulator/index.js';
import { EmulatorError } from '../../src/emulator/errors.js';

/** A fresh in-memory store and a root context on a fixed clock. */
export function setup(): { store: EmulatorStore; root: EmulatorContext } {
  const store = openStore();
  return { store, root: rootContext(store, { now: fixedClock('2024-05-01T12:00:00Z') }) };
}

/** A temporary directory removed by the returned cleanup. */
export function temporaryDirectory(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'iam-emulator-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Asserts that `work` throws an EmulatorError with this code (and message, if given). */
export function assertEmulatorError(
  work: () => unknown,
  code: string,
  message?: string | RegExp,
  status?: number,
): void {
  assert.throws(work, (error: unknown) => {
    assert.ok(error instanceof EmulatorError, `expected EmulatorError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    if (message instanceof RegExp) assert.match(error.message, message);
    if (status !== undefined) assert.equal(error.status, status);
    return true;
  });
}

export const allowAll = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

/** An OpenSSH `ssh-rsa` public key line for a fresh 2048-bit key. */
export function sshRsaPublicKey(): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const field = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  const mpint = (base64url: string) => {
    const bytes = Buffer.from(base64url, 'base64url');
    return field(bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const blob = Buffer.concat([field(Buffer.from('ssh-rsa')), mpint(jwk.e!), mpint(jwk.n!)]);
  return `ssh-rsa ${blob.toString('base64')} test@example`;
}

/** One of three self-signed PEM certificates kept as fixtures. */
export const certificate = (index: number) =>
  readFileSync(new URL(`./fixtures/certificate-${index}.pem`, import.meta.url), 'utf8');
