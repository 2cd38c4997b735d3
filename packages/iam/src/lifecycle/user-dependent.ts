/**
 * What can hang off an IAM user and must go before the user can: IAM's own nouns.
 *
 * @example
 * const kind: DependentKind = 'accessKey';
 */
export type DependentKind =
  | 'groupMembership'
  | 'inlinePolicy'
  | 'attachedPolicy'
  | 'accessKey'
  | 'sshPublicKey'
  | 'virtualMfaDevice'
  | 'mfaDevice'
  | 'loginProfile'
  | 'signingCertificate'
  | 'serviceSpecificCredential'
  | 'permissionsBoundary'
  | 'user';

/**
 * One thing attached to a user, named by its IAM identifier: the group name, policy name
 * or ARN, access key id, SSH key id, MFA serial number, certificate id, credential id.
 *
 * @example
 * const blocker: UserDependent = { kind: 'accessKey', id: 'AKIAIOSFODNN7EXAMPLE' };
 */
export interface UserDependent {
  kind: DependentKind;
  id: string;
}

/**
 * Formats dependents for a message: `accessKey AKIA..., groupMembership admins`.
 *
 * @example
 * describeDependents([{ kind: 'loginProfile', id: 'ana' }]); // 'loginProfile ana'
 */
export function describeDependents(dependents: readonly UserDependent[]): string {
  if (dependents.length === 0) return 'nothing';
  return dependents.map((dependent) => `${dependent.kind} ${dependent.id}`).join(', ');
}
