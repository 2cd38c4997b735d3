import { defineAction } from './action.js';
import { iamTypes, pagingRules } from './constraints.js';
import { validationError } from './errors.js';
import { page, type PagingInput } from './paging.js';
import { putTags, readTags, removeTags, validateTags, type Tag } from './tags.js';
import { requireUser } from './user-records.js';
import { validateInput, violations } from './validation.js';

/**
 * TagUser: adds tags to a user or replaces the values of keys it already has.
 *
 * @example
 * tagUser(store, { UserName: 'alice', Tags: [{ Key: 'team', Value: 'payments' }] }, context);
 */
export const tagUser = defineAction((store, input: { UserName: string; Tags: Tag[] }) => {
  validateInput(input, [
    { member: 'UserName', constraint: iamTypes.existingUserNameType, required: true },
  ]);
  if (input.Tags === undefined) {
    throw validationError([
      "Value null at 'tags' failed to satisfy constraint: Member must not be null",
    ]);
  }
  validateTags(input.Tags, 'User');

  const user = requireUser(store, input.UserName);
  putTags(store, 'user', user.id, input.Tags);
  return {};
});

/**
 * UntagUser: removes tags by key; keys the user does not have are ignored.
 *
 * @example
 * untagUser(store, { UserName: 'alice', TagKeys: ['team'] }, context);
 */
export const untagUser = defineAction((store, input: { UserName: string; TagKeys: string[] }) => {
  validateInput(input, [
    { member: 'UserName', constraint: iamTypes.existingUserNameType, required: true },
  ]);
  if (input.TagKeys === undefined) {
    throw validationError([
      "Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
    ]);
  }
  const found = input.TagKeys.flatMap((key, index) =>
    violations(key, `tagKeys.${index + 1}.member`, iamTypes.tagKeyType),
  );
  if (found.length > 0) throw validationError(found);

  const user = requireUser(store, input.UserName);
  removeTags(store, 'user', user.id, input.TagKeys);
  return {};
});

/**
 * ListUserTags: a user's tags in the order they were added, paged.
 *
 * @example
 * listUserTags(store, { UserName: 'alice' }, context).Tags;
 */
export const listUserTags = defineAction(
  (
    store,
    input: { UserName: string } & PagingInput,
  ): { Tags: Tag[]; IsTruncated: boolean; Marker?: string } => {
    validateInput(input, [
      { member: 'UserName', constraint: iamTypes.existingUserNameType, required: true },
      ...pagingRules,
    ]);

    const user = requireUser(store, input.UserName);
    const tags = readTags(store, 'user', user.id).map((tag, index) => ({ tag, index }));
    const result = page(tags, (entry) => String(entry.index).padStart(4, '0'), input);
    return {
      Tags: result.items.map((entry) => entry.tag),
      IsTruncated: result.IsTruncated,
      ...(result.Marker ? { Marker: result.Marker } : {}),
    };
  },
);
