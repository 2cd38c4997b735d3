import { createHash, createPublicKey } from 'node:crypto';

import { defineAction, targetUser } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { EmulatorError, noSuchEntity, quotaExceeded } from './errors.js';
import { newCredentialId } from './identifiers.js';
import { page, type PagingInput } from './paging.js';
import type { EmulatorStore } from './store.js';
import type { UserRecord } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM allows five SSH public keys per user. */
const sshKeysPerUser = 5;

interface SshKeyRow {
  id: string;
  body: string;
  fingerprint: string;
  status: 'Active' | 'Inactive';
  upload_date: number;
}

const keyIdRule = {
  member: 'SSHPublicKeyId',
  constraint: iamTypes.publicKeyIdType,
  required: true,
};
const userNameRule = {
  member: 'UserName',
  constraint: iamTypes.existingUserNameType,
  required: true,
};

function readSshString(blob: Buffer, offset: number): { value: Buffer; next: number } {
  const length = blob.readUInt32BE(offset);
  return { value: blob.subarray(offset + 4, offset + 4 + length), next: offset + 4 + length };
}

/**
 * IAM takes `ssh-rsa` keys (OpenSSH or PEM form) of at least 2048 bits; returns the
 * key's MD5 fingerprint in colon-separated hex, as IAM shows it.
 */
function fingerprintOf(body: string): string {
  const trimmed = body.trim();
  try {
    if (trimmed.startsWith('-----BEGIN')) {
      const key = createPublicKey(trimmed);
      if (
        key.asymmetricKeyType !== 'rsa' ||
        (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048
      ) {
        throw new Error('not a 2048-bit RSA key');
      }
      const der = key.export({ type: 'spki', format: 'der' });
      return colonHex(createHash('md5').update(der).digest());
    }

    const [type, data] = trimmed.split(/\s+/);
    const blob = Buffer.from(data ?? '', 'base64');
    const keyType = readSshString(blob, 0);
    const exponent = readSshString(blob, keyType.next);
    const modulus = readSshString(blob, exponent.next);
    const bits = (modulus.value.length - (modulus.value[0] === 0 ? 1 : 0)) * 8;
    if (type !== 'ssh-rsa' || keyType.value.toString() !== 'ssh-rsa' || bits < 2048) {
      throw new Error('not a 2048-bit ssh-rsa key');
    }
    return colonHex(createHash('md5').update(blob).digest());
  } catch {
    throw new EmulatorError('InvalidPublicKey', 400, 'The SSH public key is not valid.');
  }
}

function colonHex(digest: Buffer): string {
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

function requireKey(store: EmulatorStore, user: UserRecord, keyId: string): SshKeyRow {
  const row = store.db
    .prepare('SELECT * FROM ssh_keys WHERE id = ? AND user_id = ?')
    .get(keyId, user.id) as SshKeyRow | undefined;
  if (!row) throw noSuchEntity(`The Public Key with id ${keyId} cannot be found.`);
  return row;
}

function keyShape(user: UserRecord, row: SshKeyRow) {
  return {
    UserName: user.name,
    SSHPublicKeyId: row.id,
    Fingerprint: row.fingerprint,
    SSHPublicKeyBody: row.body,
    Status: row.status,
    UploadDate: new Date(row.upload_date),
  };
}

/**
 * UploadSSHPublicKey: stores an `ssh-rsa` key (2048 bits or more) for CodeCommit use.
 *
 * @example
 * uploadSSHPublicKey(store, { UserName: 'alice', SSHPublicKeyBody: 'ssh-rsa AAAA...' }, c);
 */
export const uploadSSHPublicKey = defineAction(
  (store, input: { UserName: string; SSHPublicKeyBody: string }, context) => {
    validateInput(input, [
      userNameRule,
      { member: 'SSHPublicKeyBody', constraint: iamTypes.publicKeyMaterialType, required: true },
    ]);

    const user = targetUser(store, input.UserName, context);
    const fingerprint = fingerprintOf(input.SSHPublicKeyBody);
    const keys = store.db
      .prepare('SELECT * FROM ssh_keys WHERE user_id = ?')
      .all(user.id) as SshKeyRow[];
    if (keys.some((key) => key.fingerprint === fingerprint)) {
      throw new EmulatorError(
        'DuplicateSSHPublicKey',
        400,
        'The SSH public key is already associated with the specified IAM user.',
      );
    }
    if (keys.length >= sshKeysPerUser) throw quotaExceeded('PublicKeysPerUser', sshKeysPerUser);

    const row: SshKeyRow = {
      id: newCredentialId('sshPublicKey'),
      body: input.SSHPublicKeyBody,
      fingerprint,
      status: 'Active',
      upload_date: context.now().getTime(),
    };
    store.db
      .prepare(
        `INSERT INTO ssh_keys (id, user_id, body, fingerprint, status, upload_date)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, user.id, row.body, row.fingerprint, row.status, row.upload_date);
    return { SSHPublicKey: keyShape(user, row) };
  },
);

/**
 * GetSSHPublicKey: one key with its body, as uploaded (`Encoding` is checked, not applied).
 *
 * @example
 * getSSHPublicKey(store, { UserName: 'alice', SSHPublicKeyId: id, Encoding: 'SSH' }, c);
 */
export const getSSHPublicKey = defineAction(
  (store, input: { UserName: string; SSHPublicKeyId: string; Encoding: 'SSH' | 'PEM' }, ctx) => {
    validateInput(input, [
      userNameRule,
      keyIdRule,
      { member: 'Encoding', constraint: iamTypes.encodingType, required: true },
    ]);
    const user = targetUser(store, input.UserName, ctx);
    return { SSHPublicKey: keyShape(user, requireKey(store, user, input.SSHPublicKeyId)) };
  },
);

/**
 * ListSSHPublicKeys: a user's key ids and statuses, paged.
 *
 * @example
 * listSSHPublicKeys(store, { UserName: 'alice' }, context).SSHPublicKeys;
 */
export const listSSHPublicKeys = defineAction(
  (store, input: { UserName?: string } & PagingInput, context) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType },
      ...pagingRules,
    ]);

    const user = targetUser(store, input.UserName, context);
    const keys = store.db
      .prepare('SELECT * FROM ssh_keys WHERE user_id = ? ORDER BY id')
      .all(user.id) as SshKeyRow[];
    const result = page(keys, (key) => key.id, input);
    return {
      SSHPublicKeys: result.items.map((key) => ({
        UserName: user.name,
        SSHPublicKeyId: key.id,
        Status: key.status,
        UploadDate: new Date(key.upload_date),
      })),
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);

/**
 * UpdateSSHPublicKey: makes a key `Active` or `Inactive`.
 *
 * @example
 * updateSSHPublicKey(store, { UserName: 'alice', SSHPublicKeyId: id, Status: 'Inactive' }, c);
 */
export const updateSSHPublicKey = defineAction(
  (
    store,
    input: { UserName: string; SSHPublicKeyId: string; Status: 'Active' | 'Inactive' },
    context,
  ) => {
    validateInput(input, [
      userNameRule,
      keyIdRule,
      { member: 'Status', constraint: iamTypes.statusType, required: true },
    ]);
    const user = targetUser(store, input.UserName, context);
    requireKey(store, user, input.SSHPublicKeyId);
    store.db
      .prepare('UPDATE ssh_keys SET status = ? WHERE id = ?')
      .run(input.Status, input.SSHPublicKeyId);
    return {};
  },
);

/**
 * DeleteSSHPublicKey: removes a key.
 *
 * @example
 * deleteSSHPublicKey(store, { UserName: 'alice', SSHPublicKeyId: id }, context);
 */
export const deleteSSHPublicKey = defineAction(
  (store, input: { UserName: string; SSHPublicKeyId: string }, context) => {
    validateInput(input, [userNameRule, keyIdRule]);
    const user = targetUser(store, input.UserName, context);
    requireKey(store, user, input.SSHPublicKeyId);
    store.db.prepare('DELETE FROM ssh_keys WHERE id = ?').run(input.SSHPublicKeyId);
    return {};
  },
);
