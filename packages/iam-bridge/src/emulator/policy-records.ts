import type { EmulatorStore } from './store.js';
import { noSuchEntity } from './errors.js';
import { readTags, type Tag } from './tags.js';

/**
 * A managed policy as stored.
 *
 * @example
 * const policy: PolicyRecord = requirePolicy(store, arn);
 */
export interface PolicyRecord {
  id: string;
  name: string;
  scope: 'aws' | 'local';
  path: string;
  arn: string;
  description: string | null;
  defaultVersionId: string;
  nextVersion: number;
  createDate: Date;
  updateDate: Date;
}

/**
 * IAM's `Policy` shape.
 *
 * @example
 * const shape: Policy = policyShape(store, record, 'full');
 */
export interface Policy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  Tags?: Tag[];
}

interface PolicyRow {
  id: string;
  name: string;
  scope: 'aws' | 'local';
  path: string;
  arn: string;
  description: string | null;
  default_version_id: string;
  next_version: number;
  create_date: number;
  update_date: number;
}

function toPolicyRecord(row: PolicyRow): PolicyRecord {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    path: row.path,
    arn: row.arn,
    description: row.description,
    defaultVersionId: row.default_version_id,
    nextVersion: row.next_version,
    createDate: new Date(row.create_date),
    updateDate: new Date(row.update_date),
  };
}

/**
 * Finds a managed policy by ARN; `undefined` if absent.
 *
 * @example
 * findPolicy(store, 'arn:aws:iam::aws:policy/ReadOnlyAccess')?.scope; // 'aws'
 */
export function findPolicy(store: EmulatorStore, arn: string): PolicyRecord | undefined {
  const row = store.db.prepare('SELECT * FROM policies WHERE arn = ?').get(arn) as
    PolicyRow | undefined;
  return row ? toPolicyRecord(row) : undefined;
}

/**
 * Finds a managed policy or throws `NoSuchEntity` in the wording AWS uses for reads
 * (`was not found`) or for attaching (`does not exist or is not attachable`).
 *
 * @example
 * requirePolicy(store, arn, 'attach');
 */
export function requirePolicy(
  store: EmulatorStore,
  arn: string,
  purpose: 'read' | 'attach' = 'read',
): PolicyRecord {
  const policy = findPolicy(store, arn);
  if (policy) return policy;
  throw noSuchEntity(
    purpose === 'attach'
      ? `Policy ${arn} does not exist or is not attachable.`
      : `Policy ${arn} was not found.`,
  );
}

/**
 * Every managed policy, sorted by name without regard to case.
 *
 * @example
 * listPolicyRecords(store).length;
 */
export function listPolicyRecords(store: EmulatorStore): PolicyRecord[] {
  const rows = store.db
    .prepare('SELECT * FROM policies ORDER BY name_key, scope, id')
    .all() as PolicyRow[];
  return rows.map(toPolicyRecord);
}

/**
 * How many users and groups a policy is attached to.
 *
 * @example
 * attachmentCount(store, policy.id); // 0
 */
export function attachmentCount(store: EmulatorStore, policyId: string): number {
  const row = store.db
    .prepare('SELECT count(*) AS count FROM attachments WHERE policy_id = ?')
    .get(policyId) as { count: number };
  return row.count;
}

/**
 * How many users have this policy as their permissions boundary.
 *
 * @example
 * boundaryUsageCount(store, policy.arn); // 0
 */
export function boundaryUsageCount(store: EmulatorStore, arn: string): number {
  const row = store.db
    .prepare('SELECT count(*) AS count FROM users WHERE permissions_boundary = ?')
    .get(arn) as { count: number };
  return row.count;
}

/**
 * IAM's `Policy` shape for a record; `summary` leaves out `Description` and `Tags`, as
 * `ListPolicies` does.
 *
 * @example
 * policyShape(store, policy, 'full').AttachmentCount;
 */
export function policyShape(
  store: EmulatorStore,
  policy: PolicyRecord,
  detail: 'full' | 'summary',
): Policy {
  const shape: Policy = {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount(store, policy.id),
    PermissionsBoundaryUsageCount: boundaryUsageCount(store, policy.arn),
    IsAttachable: true,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
  };
  if (detail === 'full') {
    if (policy.description) shape.Description = policy.description;
    const tags = readTags(store, 'policy', policy.id);
    if (tags.length > 0) shape.Tags = tags;
  }
  return shape;
}
