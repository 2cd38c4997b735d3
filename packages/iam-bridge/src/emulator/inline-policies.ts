import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { EmulatorError, noSuchEntity } from './errors.js';
import { requireGroup } from './group-records.js';
import { page, type PagingInput } from './paging.js';
import { parsePolicyDocument, policySize } from './policy-document.js';
import type { EmulatorStore } from './store.js';
import { requireUser } from './user-records.js';
import { validateInput } from './validation.js';

/** IAM's limits on the total size of one entity's inline policies, whitespace excluded. */
const inlineSizeLimits = { user: 2048, group: 5120 } as const;

type EntityType = 'user' | 'group';

interface Owner {
  type: EntityType;
  id: string;
  name: string;
}

const policyNameRule = {
  member: 'PolicyName',
  constraint: iamTypes.policyNameType,
  required: true,
};
const documentRule = {
  member: 'PolicyDocument',
  constraint: iamTypes.policyDocumentType,
  required: true,
};
const userNameRule = {
  member: 'UserName',
  constraint: iamTypes.existingUserNameType,
  required: true,
};
const groupNameRule = { member: 'GroupName', constraint: iamTypes.groupNameType, required: true };

function userOwner(store: EmulatorStore, userName: string): Owner {
  const user = requireUser(store, userName);
  return { type: 'user', id: user.id, name: user.name };
}

function groupOwner(store: EmulatorStore, groupName: string): Owner {
  const group = requireGroup(store, groupName);
  return { type: 'group', id: group.GroupId, name: group.GroupName };
}

function putInline(store: EmulatorStore, owner: Owner, name: string, document: string): void {
  parsePolicyDocument(document);

  const others = store.db
    .prepare(
      `SELECT document FROM inline_policies
       WHERE entity_type = ? AND entity_id = ? AND name_key != ?`,
    )
    .all(owner.type, owner.id, name.toLowerCase()) as { document: string }[];
  const total = others.reduce((sum, row) => sum + policySize(row.document), policySize(document));
  const limit = inlineSizeLimits[owner.type];
  if (total > limit) {
    throw new EmulatorError(
      'LimitExceeded',
      409,
      `Maximum policy size of ${limit} bytes exceeded for ${owner.type} ${owner.name}`,
    );
  }

  store.db
    .prepare(
      `INSERT INTO inline_policies (entity_type, entity_id, name, name_key, document)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_type, entity_id, name_key)
       DO UPDATE SET name = excluded.name, document = excluded.document`,
    )
    .run(owner.type, owner.id, name, name.toLowerCase(), document);
}

function requireInline(store: EmulatorStore, owner: Owner, name: string) {
  const row = store.db
    .prepare(
      `SELECT name, document FROM inline_policies
       WHERE entity_type = ? AND entity_id = ? AND name_key = ?`,
    )
    .get(owner.type, owner.id, name.toLowerCase()) as
    { name: string; document: string } | undefined;
  if (!row) throw noSuchEntity(`The ${owner.type} policy with name ${name} cannot be found.`);
  return row;
}

function deleteInline(store: EmulatorStore, owner: Owner, name: string): void {
  requireInline(store, owner, name);
  store.db
    .prepare('DELETE FROM inline_policies WHERE entity_type = ? AND entity_id = ? AND name_key = ?')
    .run(owner.type, owner.id, name.toLowerCase());
}

function listInline(store: EmulatorStore, owner: Owner, input: PagingInput) {
  const names = store.db
    .prepare(
      `SELECT name, name_key FROM inline_policies WHERE entity_type = ? AND entity_id = ?
         ORDER BY name_key`,
    )
    .all(owner.type, owner.id) as { name: string; name_key: string }[];
  const result = page(names, (row) => row.name_key, input);
  return {
    PolicyNames: result.items.map((row) => row.name),
    IsTruncated: result.IsTruncated,
    ...(result.Marker ? { Marker: result.Marker } : {}),
  };
}

/**
 * PutUserPolicy: adds or replaces an inline policy of a user (2,048 characters in all).
 *
 * @example
 * putUserPolicy(store, { UserName: 'alice', PolicyName: 'p', PolicyDocument: json }, ctx);
 */
export const putUserPolicy = defineAction(
  (store, input: { UserName: string; PolicyName: string; PolicyDocument: string }) => {
    validateInput(input, [userNameRule, policyNameRule, documentRule]);
    putInline(store, userOwner(store, input.UserName), input.PolicyName, input.PolicyDocument);
    return {};
  },
);

/**
 * GetUserPolicy: one inline policy of a user, with its document.
 *
 * @example
 * getUserPolicy(store, { UserName: 'alice', PolicyName: 'p' }, context).PolicyDocument;
 */
export const getUserPolicy = defineAction(
  (store, input: { UserName: string; PolicyName: string }) => {
    validateInput(input, [userNameRule, policyNameRule]);
    const owner = userOwner(store, input.UserName);
    const row = requireInline(store, owner, input.PolicyName);
    return { UserName: owner.name, PolicyName: row.name, PolicyDocument: row.document };
  },
);

/**
 * DeleteUserPolicy: removes an inline policy of a user.
 *
 * @example
 * deleteUserPolicy(store, { UserName: 'alice', PolicyName: 'p' }, context);
 */
export const deleteUserPolicy = defineAction(
  (store, input: { UserName: string; PolicyName: string }) => {
    validateInput(input, [userNameRule, policyNameRule]);
    deleteInline(store, userOwner(store, input.UserName), input.PolicyName);
    return {};
  },
);

/**
 * ListUserPolicies: the names of a user's inline policies, paged.
 *
 * @example
 * listUserPolicies(store, { UserName: 'alice' }, context).PolicyNames;
 */
export const listUserPolicies = defineAction((store, input: { UserName: string } & PagingInput) => {
  validateInput(input, [userNameRule, ...pagingRules]);
  return listInline(store, userOwner(store, input.UserName), input);
});

/**
 * PutGroupPolicy: adds or replaces an inline policy of a group (5,120 characters in all).
 *
 * @example
 * putGroupPolicy(store, { GroupName: 'admins', PolicyName: 'p', PolicyDocument: json }, c);
 */
export const putGroupPolicy = defineAction(
  (store, input: { GroupName: string; PolicyName: string; PolicyDocument: string }) => {
    validateInput(input, [groupNameRule, policyNameRule, documentRule]);
    putInline(store, groupOwner(store, input.GroupName), input.PolicyName, input.PolicyDocument);
    return {};
  },
);

/**
 * GetGroupPolicy: one inline policy of a group, with its document.
 *
 * @example
 * getGroupPolicy(store, { GroupName: 'admins', PolicyName: 'p' }, context).PolicyDocument;
 */
export const getGroupPolicy = defineAction(
  (store, input: { GroupName: string; PolicyName: string }) => {
    validateInput(input, [groupNameRule, policyNameRule]);
    const owner = groupOwner(store, input.GroupName);
    const row = requireInline(store, owner, input.PolicyName);
    return { GroupName: owner.name, PolicyName: row.name, PolicyDocument: row.document };
  },
);

/**
 * DeleteGroupPolicy: removes an inline policy of a group.
 *
 * @example
 * deleteGroupPolicy(store, { GroupName: 'admins', PolicyName: 'p' }, context);
 */
export const deleteGroupPolicy = defineAction(
  (store, input: { GroupName: string; PolicyName: string }) => {
    validateInput(input, [groupNameRule, policyNameRule]);
    deleteInline(store, groupOwner(store, input.GroupName), input.PolicyName);
    return {};
  },
);

/**
 * ListGroupPolicies: the names of a group's inline policies, paged.
 *
 * @example
 * listGroupPolicies(store, { GroupName: 'admins' }, context).PolicyNames;
 */
export const listGroupPolicies = defineAction(
  (store, input: { GroupName: string } & PagingInput) => {
    validateInput(input, [groupNameRule, ...pagingRules]);
    return listInline(store, groupOwner(store, input.GroupName), input);
  },
);
