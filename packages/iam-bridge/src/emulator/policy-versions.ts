import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { deleteConflict, EmulatorError, noSuchEntity } from './errors.js';
import { assertCustomerManaged, assertManagedPolicyDocument } from './managed-policies.js';
import { page, type PagingInput } from './paging.js';
import { requirePolicy, type PolicyRecord } from './policy-records.js';
import type { EmulatorStore } from './store.js';
import { validateInput } from './validation.js';

/** IAM keeps at most five versions of a managed policy. */
const versionsPerPolicy = 5;

const policyArnRule = { member: 'PolicyArn', constraint: iamTypes.arnType, required: true };
const versionIdRule = {
  member: 'VersionId',
  constraint: iamTypes.policyVersionIdType,
  required: true,
};

interface VersionRow {
  version_id: string;
  version_number: number;
  document: string;
  create_date: number;
}

function versionsOf(store: EmulatorStore, policyId: string): VersionRow[] {
  return store.db
    .prepare('SELECT * FROM policy_versions WHERE policy_id = ? ORDER BY version_number DESC')
    .all(policyId) as VersionRow[];
}

function requireVersion(store: EmulatorStore, policy: PolicyRecord, versionId: string) {
  const row = store.db
    .prepare('SELECT * FROM policy_versions WHERE policy_id = ? AND version_id = ?')
    .get(policy.id, versionId) as VersionRow | undefined;
  if (!row) throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist.`);
  return row;
}

/**
 * The document of a policy's default version.
 *
 * @example
 * defaultDocument(store, policy); // '{"Version":"2012-10-17",...}'
 */
export function defaultDocument(store: EmulatorStore, policy: PolicyRecord): string {
  return requireVersion(store, policy, policy.defaultVersionId).document;
}

/**
 * CreatePolicyVersion: a new version (`v2`, `v3`, ... never reused); `SetAsDefault` makes
 * it the one in force. A sixth version is `LimitExceeded`.
 *
 * @example
 * createPolicyVersion(store, { PolicyArn: arn, PolicyDocument: json, SetAsDefault: true }, c);
 */
export const createPolicyVersion = defineAction(
  (
    store,
    input: { PolicyArn: string; PolicyDocument: string; SetAsDefault?: boolean },
    context,
  ) => {
    validateInput(input, [
      policyArnRule,
      { member: 'PolicyDocument', constraint: iamTypes.policyDocumentType, required: true },
    ]);

    const policy = requirePolicy(store, input.PolicyArn);
    assertCustomerManaged(policy);
    assertManagedPolicyDocument(input.PolicyDocument);
    if (versionsOf(store, policy.id).length >= versionsPerPolicy) {
      throw new EmulatorError(
        'LimitExceeded',
        409,
        `A managed policy can have up to ${versionsPerPolicy} versions. Before you create a ` +
          'new version, you must delete an existing version.',
      );
    }

    const versionId = `v${policy.nextVersion}`;
    const created = context.now();
    const isDefault = input.SetAsDefault ?? false;
    store.db
      .prepare(
        `INSERT INTO policy_versions (policy_id, version_id, version_number, document,
           create_date) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(policy.id, versionId, policy.nextVersion, input.PolicyDocument, created.getTime());
    store.db
      .prepare(
        `UPDATE policies SET next_version = next_version + 1, update_date = ?,
           default_version_id = ? WHERE id = ?`,
      )
      .run(created.getTime(), isDefault ? versionId : policy.defaultVersionId, policy.id);

    return {
      PolicyVersion: { VersionId: versionId, IsDefaultVersion: isDefault, CreateDate: created },
    };
  },
);

/**
 * GetPolicyVersion: one version with its document.
 *
 * @example
 * getPolicyVersion(store, { PolicyArn: arn, VersionId: 'v1' }, context).PolicyVersion.Document;
 */
export const getPolicyVersion = defineAction(
  (store, input: { PolicyArn: string; VersionId: string }) => {
    validateInput(input, [policyArnRule, versionIdRule]);

    const policy = requirePolicy(store, input.PolicyArn);
    const version = requireVersion(store, policy, input.VersionId);
    return {
      PolicyVersion: {
        Document: version.document,
        VersionId: version.version_id,
        IsDefaultVersion: version.version_id === policy.defaultVersionId,
        CreateDate: new Date(version.create_date),
      },
    };
  },
);

/**
 * ListPolicyVersions: every version, newest first, without documents, paged.
 *
 * @example
 * listPolicyVersions(store, { PolicyArn: arn }, context).Versions;
 */
export const listPolicyVersions = defineAction(
  (store, input: { PolicyArn: string } & PagingInput) => {
    validateInput(input, [policyArnRule, ...pagingRules]);

    const policy = requirePolicy(store, input.PolicyArn);
    const versions = versionsOf(store, policy.id);
    const sortKey = (version: VersionRow) => String(1e9 - version.version_number).padStart(10, '0');
    const result = page(versions, sortKey, input);
    return {
      Versions: result.items.map((version) => ({
        VersionId: version.version_id,
        IsDefaultVersion: version.version_id === policy.defaultVersionId,
        CreateDate: new Date(version.create_date),
      })),
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);

/**
 * DeletePolicyVersion: removes a version other than the default one.
 *
 * @example
 * deletePolicyVersion(store, { PolicyArn: arn, VersionId: 'v1' }, context);
 */
export const deletePolicyVersion = defineAction(
  (store, input: { PolicyArn: string; VersionId: string }) => {
    validateInput(input, [policyArnRule, versionIdRule]);

    const policy = requirePolicy(store, input.PolicyArn);
    assertCustomerManaged(policy);
    requireVersion(store, policy, input.VersionId);
    if (input.VersionId === policy.defaultVersionId) {
      throw deleteConflict('Cannot delete the default version of a policy.');
    }
    store.db
      .prepare('DELETE FROM policy_versions WHERE policy_id = ? AND version_id = ?')
      .run(policy.id, input.VersionId);
    return {};
  },
);

/**
 * SetDefaultPolicyVersion: puts another existing version in force.
 *
 * @example
 * setDefaultPolicyVersion(store, { PolicyArn: arn, VersionId: 'v2' }, context);
 */
export const setDefaultPolicyVersion = defineAction(
  (store, input: { PolicyArn: string; VersionId: string }, context) => {
    validateInput(input, [policyArnRule, versionIdRule]);

    const policy = requirePolicy(store, input.PolicyArn);
    assertCustomerManaged(policy);
    requireVersion(store, policy, input.VersionId);
    store.db
      .prepare('UPDATE policies SET default_version_id = ?, update_date = ? WHERE id = ?')
      .run(input.VersionId, context.now().getTime(), policy.id);
    return {};
  },
);
