import { randomBytes } from 'node:crypto';

import { defineAction, targetUser } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import {
  deleteConflict,
  EmulatorError,
  entityAlreadyExists,
  noSuchEntity,
  quotaExceeded,
} from './errors.js';
import { iamArn } from './identifiers.js';
import { otpauthImage } from './mfa-qr-image.js';
import { page, type PagingInput } from './paging.js';
import type { EmulatorStore } from './store.js';
import { dropTags, putTags, readTags, validateTags, type Tag } from './tags.js';
import { areConsecutiveCodes, base32Encode } from './totp.js';
import { findUserById, requireUser, userShape } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM allows up to eight MFA devices per user. */
const mfaDevicesPerUser = 8;

interface DeviceRow {
  serial: string;
  seed: string;
  user_id: string | null;
  enable_date: number | null;
  create_date: number;
}

const serialRule = {
  member: 'SerialNumber',
  constraint: iamTypes.serialNumberType,
  required: true,
};

function requireDevice(store: EmulatorStore, serialNumber: string): DeviceRow {
  const row = store.db.prepare('SELECT * FROM mfa_devices WHERE serial = ?').get(serialNumber) as
    DeviceRow | undefined;
  if (!row)
    throw noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
  return row;
}

function truncation(result: { IsTruncated: boolean; Marker?: string }) {
  return { IsTruncated: result.IsTruncated, ...(result.Marker ? { Marker: result.Marker } : {}) };
}

/**
 * CreateVirtualMFADevice: a new, unassigned device. `Base32StringSeed` and `QRCodePNG` are
 * bytes (the wire carries them base64-encoded); the seed is RFC 4648 base32 text.
 *
 * @example
 * const { VirtualMFADevice } = createVirtualMFADevice(store,
 *   { VirtualMFADeviceName: 'alice-phone' }, context);
 */
export const createVirtualMFADevice = defineAction(
  (store, input: { VirtualMFADeviceName: string; Path?: string; Tags?: Tag[] }, context) => {
    validateInput(input, [
      { member: 'Path', constraint: iamTypes.pathType },
      { member: 'VirtualMFADeviceName', constraint: iamTypes.virtualMFADeviceName, required: true },
    ]);
    validateTags(input.Tags, 'MFA device');

    const serialNumber = iamArn(
      store.accountId,
      'mfa',
      input.Path ?? '/',
      input.VirtualMFADeviceName,
    );
    const taken = store.db
      .prepare('SELECT 1 FROM mfa_devices WHERE serial_key = ?')
      .get(serialNumber.toLowerCase());
    if (taken)
      throw entityAlreadyExists('MFADevice entity at the same path and name already exists.');

    const seed = base32Encode(randomBytes(40));
    store.db
      .prepare(
        `INSERT INTO mfa_devices (serial, serial_key, seed, user_id, enable_date, create_date)
         VALUES (?, ?, ?, NULL, NULL, ?)`,
      )
      .run(serialNumber, serialNumber.toLowerCase(), seed, context.now().getTime());
    if (input.Tags) putTags(store, 'mfa', serialNumber, input.Tags);

    const label = encodeURIComponent(
      `Amazon Web Services:${input.VirtualMFADeviceName}@${store.accountId}`,
    );
    const uri = `otpauth://totp/${label}?secret=${seed}&issuer=Amazon%20Web%20Services`;
    return {
      VirtualMFADevice: {
        SerialNumber: serialNumber,
        Base32StringSeed: new Uint8Array(Buffer.from(seed, 'ascii')),
        QRCodePNG: new Uint8Array(otpauthImage(uri)),
        ...(input.Tags && input.Tags.length > 0 ? { Tags: input.Tags } : {}),
      },
    };
  },
);

/**
 * EnableMFADevice: assigns a device to a user after checking two consecutive codes.
 *
 * @example
 * enableMFADevice(store, { UserName: 'alice', SerialNumber: serial,
 *   AuthenticationCode1: totpCode(seed, now, -1), AuthenticationCode2: totpCode(seed, now) }, c);
 */
export const enableMFADevice = defineAction(
  (
    store,
    input: {
      UserName: string;
      SerialNumber: string;
      AuthenticationCode1: string;
      AuthenticationCode2: string;
    },
    context,
  ) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType, required: true },
      serialRule,
      {
        member: 'AuthenticationCode1',
        constraint: iamTypes.authenticationCodeType,
        required: true,
      },
      {
        member: 'AuthenticationCode2',
        constraint: iamTypes.authenticationCodeType,
        required: true,
      },
    ]);

    const user = requireUser(store, input.UserName);
    const device = requireDevice(store, input.SerialNumber);
    if (device.user_id !== null) throw entityAlreadyExists('MFA Device is already in use.');
    const { count } = store.db
      .prepare('SELECT count(*) AS count FROM mfa_devices WHERE user_id = ?')
      .get(user.id) as { count: number };
    if (count >= mfaDevicesPerUser) throw quotaExceeded('MFADevicesPerUser', mfaDevicesPerUser);

    const now = context.now();
    if (
      !areConsecutiveCodes(device.seed, input.AuthenticationCode1, input.AuthenticationCode2, now)
    ) {
      throw new EmulatorError(
        'InvalidAuthenticationCode',
        403,
        'Authentication code for device is not valid.',
      );
    }
    store.db
      .prepare('UPDATE mfa_devices SET user_id = ?, enable_date = ? WHERE serial = ?')
      .run(user.id, now.getTime(), device.serial);
    return {};
  },
);

/**
 * DeactivateMFADevice: unassigns a device from its user; the device itself remains.
 *
 * @example
 * deactivateMFADevice(store, { UserName: 'alice', SerialNumber: serial }, context);
 */
export const deactivateMFADevice = defineAction(
  (store, input: { UserName?: string; SerialNumber: string }, context) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType },
      serialRule,
    ]);

    const user = targetUser(store, input.UserName, context);
    const device = store.db
      .prepare('SELECT * FROM mfa_devices WHERE serial = ? AND user_id = ?')
      .get(input.SerialNumber, user.id) as DeviceRow | undefined;
    if (!device) {
      throw noSuchEntity(`MFA Device with serial number ${input.SerialNumber} does not exist.`);
    }
    store.db
      .prepare('UPDATE mfa_devices SET user_id = NULL, enable_date = NULL WHERE serial = ?')
      .run(device.serial);
    return {};
  },
);

/**
 * DeleteVirtualMFADevice: refuses with `DeleteConflict` while the device is assigned.
 *
 * @example
 * deleteVirtualMFADevice(store, { SerialNumber: serial }, context);
 */
export const deleteVirtualMFADevice = defineAction((store, input: { SerialNumber: string }) => {
  validateInput(input, [serialRule]);

  const device = requireDevice(store, input.SerialNumber);
  if (device.user_id !== null) throw deleteConflict('MFA Device is still in use');
  store.db.prepare('DELETE FROM mfa_devices WHERE serial = ?').run(device.serial);
  dropTags(store, 'mfa', device.serial);
  return {};
});

/**
 * ListMFADevices: the devices assigned to a user (the root caller naming no user has
 * none here), paged.
 *
 * @example
 * listMFADevices(store, { UserName: 'alice' }, context).MFADevices;
 */
export const listMFADevices = defineAction(
  (store, input: { UserName?: string } & PagingInput, context) => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType },
      ...pagingRules,
    ]);
    if (input.UserName === undefined && context.caller.kind === 'root') {
      return { MFADevices: [], IsTruncated: false };
    }

    const user = targetUser(store, input.UserName, context);
    const devices = store.db
      .prepare('SELECT * FROM mfa_devices WHERE user_id = ? ORDER BY serial_key')
      .all(user.id) as DeviceRow[];
    const result = page(devices, (device) => device.serial.toLowerCase(), input);
    return {
      MFADevices: result.items.map((device) => ({
        UserName: user.name,
        SerialNumber: device.serial,
        EnableDate: new Date(device.enable_date ?? device.create_date),
      })),
      ...truncation(result),
    };
  },
);

/**
 * ListVirtualMFADevices: every virtual device, filtered by `AssignmentStatus` (Assigned,
 * Unassigned, Any), with the assigned user, paged.
 *
 * @example
 * listVirtualMFADevices(store, { AssignmentStatus: 'Unassigned' }, context).VirtualMFADevices;
 */
export const listVirtualMFADevices = defineAction(
  (store, input: { AssignmentStatus?: 'Assigned' | 'Unassigned' | 'Any' } & PagingInput) => {
    validateInput(input, [
      {
        member: 'AssignmentStatus',
        constraint: { type: 'enum', values: ['Assigned', 'Unassigned', 'Any'] },
      },
      ...pagingRules,
    ]);

    const status = input.AssignmentStatus ?? 'Any';
    const devices = (
      store.db.prepare('SELECT * FROM mfa_devices ORDER BY serial_key').all() as DeviceRow[]
    ).filter((device) =>
      status === 'Any' ? true : (status === 'Assigned') === (device.user_id !== null),
    );
    const result = page(devices, (device) => device.serial.toLowerCase(), input);
    return {
      VirtualMFADevices: result.items.map((device) => {
        const user = device.user_id ? findUserById(store, device.user_id) : undefined;
        const tags = readTags(store, 'mfa', device.serial);
        return {
          SerialNumber: device.serial,
          ...(user ? { User: userShape(store, user, 'summary') } : {}),
          ...(device.enable_date ? { EnableDate: new Date(device.enable_date) } : {}),
          ...(tags.length > 0 ? { Tags: tags } : {}),
        };
      }),
      ...truncation(result),
    };
  },
);
