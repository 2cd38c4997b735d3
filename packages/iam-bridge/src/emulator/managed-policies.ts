import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { deleteConflict, EmulatorError, entityAlreadyExists } from './errors.js';
import { iamArn, newUniqueId } from './identifiers.js';
import { nameSortKey, page, type PagingInput } from './paging.js';
import { parsePolicyDocument, policySize } from './policy-document.js';
import {
  attachmentCount,
  boundaryUsageCount,
  listPolicyRecords,
  policyShape,
  requirePolicy,
  type Policy,
  type PolicyRecord,
} from './policy-records.js';
import type { EmulatorStore } from './store.js';
import { dropTags, putTags, validateTags, type Tag } from './tags.js';
import { validateInput } from './validation.js';

/** IAM's limit on a managed policy document, whitespace excluded. */
const managedPolicySize = 6144;

/**
 * Checks a managed policy document: grammar, then IAM's size quota.
 *
 * @example
 * assertManagedPolicyDocument('{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}');
 */
export function assertManagedPolicyDocument(document: string): void {
  parsePolicyDocument(document);
  if (policySize(document) > managedPolicySize) {
    throw new EmulatorError(
      'LimitExceeded',
      409,
      `Cannot exceed quota for PolicySize: ${managedPolicySize}`,
    );
  }
}

/**
 * AWS managed policies belong to AWS; the account cannot change or delete them.
 *
 * @example
 * assertCustomerManaged(policy);
 */
export function assertCustomerManaged(policy: PolicyRecord): void {
  if (policy.scope === 'aws') {
    throw new EmulatorError('AccessDenied', 403, `Cannot modify AWS managed policy ${policy.arn}.`);
  }
}

/**
 * CreatePolicy: a customer managed policy with version `v1` as its default.
 *
 * @example
 * createPolicy(store, { PolicyName: 'ReadBuckets', PolicyDocument: json }, context).Policy.Arn;
 */
export const createPolicy = defineAction(
  (
    store,
    input: {
      PolicyName: string;
      Path?: string;
      PolicyDocument: string;
      Description?: string;
      Tags?: Tag[];
    },
    context,
  ): { Policy: Policy } => {
    validateInput(input, [
      { member: 'PolicyName', constraint: iamTypes.policyNameType, required: true },
      { member: 'Path', constraint: iamTypes.policyPathType },
      { member: 'PolicyDocument', constraint: iamTypes.policyDocumentType, required: true },
      { member: 'Description', constraint: iamTypes.policyDescriptionType },
    ]);
    validateTags(input.Tags, 'Policy');

    const taken = store.db
      .prepare("SELECT name FROM policies WHERE scope = 'local' AND name_key = ?")
      .get(input.PolicyName.toLowerCase()) as { name: string } | undefined;
    if (taken) {
      throw entityAlreadyExists(
        `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
      );
    }
    assertManagedPolicyDocument(input.PolicyDocument);

    const id = newUniqueId('policy');
    const path = input.Path ?? '/';
    const arn = iamArn(store.accountId, 'policy', path, input.PolicyName);
    const time = context.now().getTime();
    store.db
      .prepare(
        `INSERT INTO policies (id, name, name_key, scope, path, arn, description,
           default_version_id, next_version, create_date, update_date)
         VALUES (?, ?, ?, 'local', ?, ?, ?, 'v1', 2, ?, ?)`,
      )
      .run(
        id,
        input.PolicyName,
        input.PolicyName.toLowerCase(),
        path,
        arn,
        input.Description ?? null,
        time,
        time,
      );
    store.db
      .prepare(
        `INSERT INTO policy_versions (policy_id, version_id, version_number, document,
           create_date) VALUES (?, 'v1', 1, ?, ?)`,
      )
      .run(id, input.PolicyDocument, time);
    if (input.Tags) putTags(store, 'policy', id, input.Tags);

    return { Policy: policyShape(store, requirePolicy(store, arn), 'full') };
  },
);

/**
 * GetPolicy: a managed policy's metadata (its document is in GetPolicyVersion).
 *
 * @example
 * getPolicy(store, { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, context);
 */
export const getPolicy = defineAction((store, input: { PolicyArn: string }) => {
  validateInput(input, [{ member: 'PolicyArn', constraint: iamTypes.arnType, required: true }]);
  return { Policy: policyShape(store, requirePolicy(store, input.PolicyArn), 'full') };
});

/**
 * DeletePolicy: refuses while the policy is attached (or used as a boundary) and while it
 * has versions other than the default.
 *
 * @example
 * deletePolicy(store, { PolicyArn: arn }, context);
 */
export const deletePolicy = defineAction((store, input: { PolicyArn: string }) => {
  validateInput(input, [{ member: 'PolicyArn', constraint: iamTypes.arnType, required: true }]);

  const policy = requirePolicy(store, input.PolicyArn);
  assertCustomerManaged(policy);
  if (attachmentCount(store, policy.id) > 0 || boundaryUsageCount(store, policy.arn) > 0) {
    throw deleteConflict('Cannot delete a policy attached to entities.');
  }
  const { count } = store.db
    .prepare('SELECT count(*) AS count FROM policy_versions WHERE policy_id = ?')
    .get(policy.id) as { count: number };
  if (count > 1) {
    throw deleteConflict(
      'This policy has more than one version. Before you delete a policy, you must delete the ' +
        "policy's versions. The default version is deleted with the policy.",
    );
  }

  store.db.prepare('DELETE FROM policy_versions WHERE policy_id = ?').run(policy.id);
  store.db.prepare('DELETE FROM policies WHERE id = ?').run(policy.id);
  dropTags(store, 'policy', policy.id);
  return {};
});

function isInUse(store: EmulatorStore, policy: PolicyRecord, usage: string | undefined) {
  const attached = attachmentCount(store, policy.id) > 0;
  const boundary = boundaryUsageCount(store, policy.arn) > 0;
  if (usage === 'PermissionsPolicy') return attached;
  if (usage === 'PermissionsBoundary') return boundary;
  return attached || boundary;
}

/**
 * ListPolicies: managed policies by `Scope` (All, AWS, Local), `OnlyAttached`,
 * `PathPrefix` and `PolicyUsageFilter`, sorted by name, paged.
 *
 * @example
 * listPolicies(store, { Scope: 'Local', OnlyAttached: true }, context).Policies;
 */
export const listPolicies = defineAction(
  (
    store,
    input: {
      Scope?: 'All' | 'AWS' | 'Local';
      OnlyAttached?: boolean;
      PathPrefix?: string;
      PolicyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary';
    } & PagingInput,
  ) => {
    validateInput(input, [
      { member: 'Scope', constraint: { type: 'enum', values: ['All', 'AWS', 'Local'] } },
      { member: 'OnlyAttached', constraint: iamTypes.booleanType },
      { member: 'PathPrefix', constraint: iamTypes.policyPathType },
      {
        member: 'PolicyUsageFilter',
        constraint: { type: 'enum', values: ['PermissionsPolicy', 'PermissionsBoundary'] },
      },
      ...pagingRules,
    ]);

    const scope = input.Scope ?? 'All';
    const prefix = input.PathPrefix ?? '/';
    const policies = listPolicyRecords(store).filter(
      (policy) =>
        (scope === 'All' || (scope === 'AWS') === (policy.scope === 'aws')) &&
        policy.path.startsWith(prefix) &&
        (!input.OnlyAttached || isInUse(store, policy, input.PolicyUsageFilter)),
    );
    const result = page(policies, (policy) => nameSortKey(policy.name, policy.arn), input);
    return {
      Policies: result.items.map((policy) => policyShape(store, policy, 'summary')),
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);
