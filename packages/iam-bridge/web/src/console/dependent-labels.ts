// IAM's names for what hangs off a user, as the delete preview words them.

/** One dependent as the lifecycle reports it: kind and IAM identifier. */
export interface Dependent {
  kind: string;
  id: string;
}

const LABELS: Record<string, string> = {
  groupMembership: 'Group membership',
  inlinePolicy: 'Inline policy',
  attachedPolicy: 'Attached managed policy',
  accessKey: 'Access key',
  sshPublicKey: 'SSH public key',
  virtualMfaDevice: 'Virtual MFA device',
  mfaDevice: 'MFA device',
  loginProfile: 'Console password (login profile)',
  signingCertificate: 'Signing certificate',
  serviceSpecificCredential: 'Service-specific credential',
  permissionsBoundary: 'Permissions boundary',
  user: 'The user itself',
};

/**
 * A readable line for one dependent.
 *
 * @example dependentLabel({ kind: 'accessKey', id: 'AKIA1' }) // 'Access key: AKIA1'
 */
export function dependentLabel(dependent: Dependent): string {
  return `${LABELS[dependent.kind] ?? dependent.kind}: ${dependent.id}`;
}
