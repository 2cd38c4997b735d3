import { defineAction, targetUser } from './action.js';
import { iamTypes } from './constraints.js';
import { EmulatorError, noSuchEntity, quotaExceeded } from './errors.js';
import { newCredentialId, randomText } from './identifiers.js';
import type { EmulatorStore } from './store.js';
import type { UserRecord } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM allows two credentials per user for each service. */
const credentialsPerService = 2;

/**
 * The services that accept service-specific credentials.
 *
 * @example
 * supportedCredentialServices.includes('codecommit.amazonaws.com'); // true
 */
export const supportedCredentialServices: readonly string[] = [
  'codecommit.amazonaws.com',
  'cassandra.amazonaws.com',
  'bedrock.amazonaws.com',
];

interface CredentialRow {
  id: string;
  service_name: string;
  service_user_name: string;
  password: string;
  status: 'Active' | 'Inactive';
  create_date: number;
}

const credentialIdRule = {
  member: 'ServiceSpecificCredentialId',
  constraint: iamTypes.serviceSpecificCredentialId,
  required: true,
};
const userNameRule = { member: 'UserName', constraint: iamTypes.userNameType };

function newServicePassword(): string {
  return randomText('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 44);
}

function requireCredential(store: EmulatorStore, user: UserRecord, id: string): CredentialRow {
  const row = store.db
    .prepare('SELECT * FROM service_credentials WHERE id = ? AND user_id = ?')
    .get(id, user.id) as CredentialRow | undefined;
  if (!row) throw noSuchEntity(`No such credential ${id} exists`);
  return row;
}

function metadata(user: UserRecord, row: CredentialRow) {
  return {
    UserName: user.name,
    Status: row.status,
    ServiceUserName: row.service_user_name,
    CreateDate: new Date(row.create_date),
    ServiceSpecificCredentialId: row.id,
    ServiceName: row.service_name,
  };
}

/**
 * CreateServiceSpecificCredential: a user name and password for CodeCommit, Keyspaces or
 * Bedrock; the password is returned only here and by Reset.
 *
 * @example
 * createServiceSpecificCredential(store, { UserName: 'alice',
 *   ServiceName: 'codecommit.amazonaws.com' }, context).ServiceSpecificCredential.ServicePassword;
 */
export const createServiceSpecificCredential = defineAction(
  (store, input: { UserName: string; ServiceName: string }, context) => {
    validateInput(input, [
      { ...userNameRule, required: true },
      { member: 'ServiceName', constraint: iamTypes.serviceName, required: true },
    ]);

    const user = targetUser(store, input.UserName, context);
    if (!supportedCredentialServices.includes(input.ServiceName)) {
      throw new EmulatorError(
        'NotSupportedService',
        404,
        `Service ${input.ServiceName} is not supported for service specific credentials.`,
      );
    }
    const { count } = store.db
      .prepare(
        'SELECT count(*) AS count FROM service_credentials WHERE user_id = ? AND service_name = ?',
      )
      .get(user.id, input.ServiceName) as { count: number };
    if (count >= credentialsPerService) {
      throw quotaExceeded('ServiceSpecificCredentialsPerUserPerService', credentialsPerService);
    }

    const row: CredentialRow = {
      id: newCredentialId('serviceSpecificCredential'),
      service_name: input.ServiceName,
      service_user_name: `${user.name}-at-${store.accountId}`,
      password: newServicePassword(),
      status: 'Active',
      create_date: context.now().getTime(),
    };
    store.db
      .prepare(
        `INSERT INTO service_credentials (id, user_id, service_name, service_user_name, password,
           status, create_date) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        user.id,
        row.service_name,
        row.service_user_name,
        row.password,
        row.status,
        row.create_date,
      );
    return { ServiceSpecificCredential: { ...metadata(user, row), ServicePassword: row.password } };
  },
);

/**
 * ListServiceSpecificCredentials: a user's credentials (never the passwords), optionally
 * for one service.
 *
 * @example
 * listServiceSpecificCredentials(store, { UserName: 'alice' }, context);
 */
export const listServiceSpecificCredentials = defineAction(
  (store, input: { UserName?: string; ServiceName?: string }, context) => {
    validateInput(input, [userNameRule]);

    const user = targetUser(store, input.UserName, context);
    const rows = (
      store.db
        .prepare('SELECT * FROM service_credentials WHERE user_id = ? ORDER BY create_date, id')
        .all(user.id) as CredentialRow[]
    ).filter((row) => input.ServiceName === undefined || row.service_name === input.ServiceName);
    return { ServiceSpecificCredentials: rows.map((row) => metadata(user, row)) };
  },
);

/**
 * UpdateServiceSpecificCredential: makes a credential `Active` or `Inactive`.
 *
 * @example
 * updateServiceSpecificCredential(store, { UserName: 'alice',
 *   ServiceSpecificCredentialId: id, Status: 'Inactive' }, context);
 */
export const updateServiceSpecificCredential = defineAction(
  (
    store,
    input: { UserName?: string; ServiceSpecificCredentialId: string; Status: string },
    context,
  ) => {
    validateInput(input, [
      userNameRule,
      credentialIdRule,
      { member: 'Status', constraint: iamTypes.statusType, required: true },
    ]);
    const user = targetUser(store, input.UserName, context);
    requireCredential(store, user, input.ServiceSpecificCredentialId);
    store.db
      .prepare('UPDATE service_credentials SET status = ? WHERE id = ?')
      .run(input.Status, input.ServiceSpecificCredentialId);
    return {};
  },
);

/**
 * ResetServiceSpecificCredential: a new password for an existing credential.
 *
 * @example
 * resetServiceSpecificCredential(store, { UserName: 'alice',
 *   ServiceSpecificCredentialId: id }, context).ServiceSpecificCredential.ServicePassword;
 */
export const resetServiceSpecificCredential = defineAction(
  (store, input: { UserName?: string; ServiceSpecificCredentialId: string }, context) => {
    validateInput(input, [userNameRule, credentialIdRule]);
    const user = targetUser(store, input.UserName, context);
    const row = requireCredential(store, user, input.ServiceSpecificCredentialId);

    const password = newServicePassword();
    store.db
      .prepare('UPDATE service_credentials SET password = ? WHERE id = ?')
      .run(password, row.id);
    return { ServiceSpecificCredential: { ...metadata(user, row), ServicePassword: password } };
  },
);

/**
 * DeleteServiceSpecificCredential: removes a credential.
 *
 * @example
 * deleteServiceSpecificCredential(store, { UserName: 'alice',
 *   ServiceSpecificCredentialId: id }, context);
 */
export const deleteServiceSpecificCredential = defineAction(
  (store, input: { UserName?: string; ServiceSpecificCredentialId: string }, context) => {
    validateInput(input, [userNameRule, credentialIdRule]);
    const user = targetUser(store, input.UserName, context);
    requireCredential(store, user, input.ServiceSpecificCredentialId);
    store.db
      .prepare('DELETE FROM service_credentials WHERE id = ?')
      .run(input.ServiceSpecificCredentialId);
    return {};
  },
);
