import { X509Certificate } from 'node:crypto';

import { defineAction, targetUser } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { EmulatorError, noSuchEntity, quotaExceeded } from './errors.js';
import { newCertificateId } from './identifiers.js';
import { page, type PagingInput } from './paging.js';
import type { EmulatorStore } from './store.js';
import type { UserRecord } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM allows two signing certificates per user. */
const certificatesPerUser = 2;

interface CertificateRow {
  id: string;
  body: string;
  fingerprint: string;
  status: 'Active' | 'Inactive';
  upload_date: number;
}

const certificateIdRule = {
  member: 'CertificateId',
  constraint: iamTypes.certificateIdType,
  required: true,
};
const userNameRule = { member: 'UserName', constraint: iamTypes.existingUserNameType };

function fingerprintOf(body: string): string {
  try {
    return new X509Certificate(body).fingerprint256;
  } catch {
    throw new EmulatorError('MalformedCertificate', 400, 'Certificate is malformed.');
  }
}

function requireCertificate(store: EmulatorStore, user: UserRecord, id: string) {
  const row = store.db
    .prepare('SELECT * FROM signing_certificates WHERE id = ? AND user_id = ?')
    .get(id, user.id) as CertificateRow | undefined;
  if (!row) throw noSuchEntity(`The Certificate with id ${id} cannot be found.`);
  return row;
}

function certificateShape(user: UserRecord, row: CertificateRow) {
  return {
    UserName: user.name,
    CertificateId: row.id,
    CertificateBody: row.body,
    Status: row.status,
    UploadDate: new Date(row.upload_date),
  };
}

/**
 * UploadSigningCertificate: stores an X.509 certificate (PEM) for a user; a third one is
 * `LimitExceeded`, the same certificate twice is `DuplicateCertificate`.
 *
 * @example
 * uploadSigningCertificate(store, { UserName: 'alice', CertificateBody: pem }, context);
 */
export const uploadSigningCertificate = defineAction(
  (store, input: { UserName?: string; CertificateBody: string }, context) => {
    validateInput(input, [
      userNameRule,
      { member: 'CertificateBody', constraint: iamTypes.certificateBodyType, required: true },
    ]);

    const user = targetUser(store, input.UserName, context);
    const fingerprint = fingerprintOf(input.CertificateBody);
    const existing = store.db
      .prepare('SELECT * FROM signing_certificates WHERE user_id = ?')
      .all(user.id) as CertificateRow[];
    const duplicate = existing.find((row) => row.fingerprint === fingerprint);
    if (duplicate) {
      throw new EmulatorError(
        'DuplicateCertificate',
        409,
        `The Certificate with id ${duplicate.id} already exists.`,
      );
    }
    if (existing.length >= certificatesPerUser) {
      throw quotaExceeded('SigningCertificatesPerUser', certificatesPerUser);
    }

    const row: CertificateRow = {
      id: newCertificateId(),
      body: input.CertificateBody,
      fingerprint,
      status: 'Active',
      upload_date: context.now().getTime(),
    };
    store.db
      .prepare(
        `INSERT INTO signing_certificates (id, user_id, body, fingerprint, status, upload_date)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, user.id, row.body, row.fingerprint, row.status, row.upload_date);
    return { Certificate: certificateShape(user, row) };
  },
);

/**
 * ListSigningCertificates: a user's certificates with their bodies, paged.
 *
 * @example
 * listSigningCertificates(store, { UserName: 'alice' }, context).Certificates;
 */
export const listSigningCertificates = defineAction(
  (store, input: { UserName?: string } & PagingInput, context) => {
    validateInput(input, [userNameRule, ...pagingRules]);

    const user = targetUser(store, input.UserName, context);
    const rows = store.db
      .prepare('SELECT * FROM signing_certificates WHERE user_id = ? ORDER BY id')
      .all(user.id) as CertificateRow[];
    const result = page(rows, (row) => row.id, input);
    return {
      Certificates: result.items.map((row) => certificateShape(user, row)),
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);

/**
 * UpdateSigningCertificate: makes a certificate `Active` or `Inactive`.
 *
 * @example
 * updateSigningCertificate(store, { UserName: 'alice', CertificateId: id,
 *   Status: 'Inactive' }, context);
 */
export const updateSigningCertificate = defineAction(
  (
    store,
    input: { UserName?: string; CertificateId: string; Status: 'Active' | 'Inactive' },
    context,
  ) => {
    validateInput(input, [
      userNameRule,
      certificateIdRule,
      { member: 'Status', constraint: iamTypes.statusType, required: true },
    ]);
    const user = targetUser(store, input.UserName, context);
    requireCertificate(store, user, input.CertificateId);
    store.db
      .prepare('UPDATE signing_certificates SET status = ? WHERE id = ?')
      .run(input.Status, input.CertificateId);
    return {};
  },
);

/**
 * DeleteSigningCertificate: removes a certificate.
 *
 * @example
 * deleteSigningCertificate(store, { UserName: 'alice', CertificateId: id }, context);
 */
export const deleteSigningCertificate = defineAction(
  (store, input: { UserName?: string; CertificateId: string }, context) => {
    validateInput(input, [userNameRule, certificateIdRule]);
    const user = targetUser(store, input.UserName, context);
    requireCertificate(store, user, input.CertificateId);
    store.db.prepare('DELETE FROM signing_certificates WHERE id = ?').run(input.CertificateId);
    return {};
  },
);
