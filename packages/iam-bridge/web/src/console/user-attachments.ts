// What hangs off a user (groups, policies, access keys), read through the gateway. The user
// route answers with the user alone, so the lists come from IAM's own List* actions under
// POST /v1/iam/{Action}, which needs the admin scope.
import type { GatewayApi } from './api-client.js';
import type { UserView } from './user-search.js';

/** An access key as IAM lists it (never its secret). */
export interface AccessKeySummary {
  accessKeyId: string;
  status: string;
  createDate?: string;
}

/** Everything attached to a user that the detail view shows. */
export interface UserAttachments {
  groups: string[];
  managedPolicies: string[];
  inlinePolicies: string[];
  accessKeys: AccessKeySummary[];
}

interface ActionAnswer<T> {
  result: T;
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) =>
    typeof item === 'string'
      ? item
      : String(
          (item as Record<string, unknown>).groupName ??
            (item as Record<string, unknown>).policyArn ??
            (item as Record<string, unknown>).policyName ??
            JSON.stringify(item),
        ),
  );
}

/**
 * The attachments the user route itself returned, when it returns them (`groups`,
 * `managedPolicies`, `inlinePolicies`, `accessKeys`); undefined when it does not.
 *
 * @example attachmentsInView({ userName: 'ana', groups: ['devs'], ... })
 */
export function attachmentsInView(view: UserView): UserAttachments | undefined {
  const groups = stringList(view.groups);
  const managedPolicies = stringList(view.managedPolicies ?? view.attachedPolicies);
  const inlinePolicies = stringList(view.inlinePolicies);
  const keys = view.accessKeys;
  if (!groups || !managedPolicies || !Array.isArray(keys)) return undefined;
  return {
    groups,
    managedPolicies,
    inlinePolicies: inlinePolicies ?? [],
    accessKeys: keys.map((key: Record<string, unknown>) => ({
      accessKeyId: String(key.accessKeyId ?? key.AccessKeyId),
      status: String(key.status ?? key.Status ?? ''),
      ...(key.createDate ? { createDate: String(key.createDate) } : {}),
    })),
  };
}

/**
 * Reads a user's groups, attached and inline policies and access keys with IAM's List*
 * actions through the gateway.
 *
 * @throws ApiError, e.g. `Forbidden` for a key without the admin scope.
 * @example const attachments = await readUserAttachments(api, 'ana');
 */
export async function readUserAttachments(
  api: GatewayApi,
  userName: string,
): Promise<UserAttachments> {
  const input = { UserName: userName, MaxItems: 1000 };
  const action = <T>(name: string) =>
    api.call<ActionAnswer<T>>('POST', `/v1/iam/${name}`, { body: input });

  const [groups, attached, inline, keys] = await Promise.all([
    action<{ Groups?: Array<{ GroupName: string }> }>('ListGroupsForUser'),
    action<{ AttachedPolicies?: Array<{ PolicyArn: string }> }>('ListAttachedUserPolicies'),
    action<{ PolicyNames?: string[] }>('ListUserPolicies'),
    action<{
      AccessKeyMetadata?: Array<{ AccessKeyId: string; Status: string; CreateDate?: string }>;
    }>('ListAccessKeys'),
  ]);
  return {
    groups: (groups.result.Groups ?? []).map((group) => group.GroupName),
    managedPolicies: (attached.result.AttachedPolicies ?? []).map((policy) => policy.PolicyArn),
    inlinePolicies: inline.result.PolicyNames ?? [],
    accessKeys: (keys.result.AccessKeyMetadata ?? []).map((key) => ({
      accessKeyId: key.AccessKeyId,
      status: key.Status,
      ...(key.CreateDate ? { createDate: String(key.CreateDate) } : {}),
    })),
  };
}
