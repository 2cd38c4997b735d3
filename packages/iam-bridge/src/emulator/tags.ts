import type { EmulatorStore } from './store.js';
import { iamTypes } from './constraints.js';
import { EmulatorError, validationError } from './errors.js';
import { violations } from './validation.js';

/**
 * A tag as IAM's API shapes it.
 *
 * @example
 * const tag: Tag = { Key: 'team', Value: 'payments' };
 */
export interface Tag {
  Key: string;
  Value: string;
}

/** IAM allows at most 50 tags on one entity. */
const maxTagsPerEntity = 50;

/**
 * Checks a list of tags against the model's constraints, and refuses keys with AWS's
 * reserved `aws:` prefix (in any case) as `InvalidInput`; `entity` names what is tagged
 * in that message (`User`), `member` is the input member name (`Tags`) as it appears in
 * messages (`tags.1.member.key`).
 *
 * @example
 * validateTags([{ Key: 'team', Value: 'payments' }], 'User');
 */
export function validateTags(
  tags: readonly Tag[] | undefined,
  entity: string,
  member = 'tags',
): void {
  if (!tags) return;

  const found: string[] = [];
  tags.forEach((tag, index) => {
    const at = `${member}.${index + 1}.member`;
    if (tag.Key === undefined) {
      found.push(`Value null at '${at}.key' failed to satisfy constraint: Member must not be null`);
    } else {
      found.push(...violations(tag.Key, `${at}.key`, iamTypes.tagKeyType));
    }
    if (tag.Value === undefined) {
      found.push(
        `Value null at '${at}.value' failed to satisfy constraint: Member must not be null`,
      );
    } else {
      found.push(...violations(tag.Value, `${at}.value`, iamTypes.tagValueType));
    }
  });
  if (tags.length > maxTagsPerEntity) {
    found.push(
      `Value '${JSON.stringify(tags)}' at '${member}' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${maxTagsPerEntity}`,
    );
  }
  if (found.length > 0) throw validationError(found);

  // AWS owns tag keys that begin with aws:, compared without regard to case.
  if (tags.some((tag) => tag.Key.toLowerCase().startsWith('aws:'))) {
    throw new EmulatorError(
      'InvalidInput',
      400,
      `${entity} tags cannot begin with the reserved prefix 'aws:'.`,
    );
  }

  const keys = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (keys.has(key)) {
      throw new EmulatorError(
        'InvalidInput',
        400,
        'Duplicate tag keys found. Please note ' + 'that Tag keys are case insensitive.',
      );
    }
    keys.add(key);
  }
}

/**
 * Adds or replaces tags on an entity. IAM compares tag keys without regard to case and
 * keeps the case last given; more than 50 tags in all is `LimitExceeded`.
 *
 * @example
 * putTags(store, 'user', user.id, [{ Key: 'team', Value: 'payments' }]);
 */
export function putTags(
  store: EmulatorStore,
  entityType: string,
  entityId: string,
  tags: readonly Tag[],
): void {
  const upsert = store.db.prepare(
    `INSERT INTO tags (entity_type, entity_id, key_lower, key, value, position)
     VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM tags
       WHERE entity_type = ? AND entity_id = ?))
     ON CONFLICT (entity_type, entity_id, key_lower)
     DO UPDATE SET key = excluded.key, value = excluded.value`,
  );
  for (const tag of tags) {
    upsert.run(
      entityType,
      entityId,
      tag.Key.toLowerCase(),
      tag.Key,
      tag.Value,
      entityType,
      entityId,
    );
  }

  const { count } = store.db
    .prepare('SELECT count(*) AS count FROM tags WHERE entity_type = ? AND entity_id = ?')
    .get(entityType, entityId) as { count: number };
  if (count > maxTagsPerEntity) {
    throw new EmulatorError(
      'LimitExceeded',
      409,
      `The number of tags has reached the maximum limit of ${maxTagsPerEntity}.`,
    );
  }
}

/**
 * Removes tags by key (without regard to case); keys that are absent are ignored, as AWS
 * ignores them.
 *
 * @example
 * removeTags(store, 'user', user.id, ['team']);
 */
export function removeTags(
  store: EmulatorStore,
  entityType: string,
  entityId: string,
  keys: readonly string[],
): void {
  const remove = store.db.prepare(
    'DELETE FROM tags WHERE entity_type = ? AND entity_id = ? AND key_lower = ?',
  );
  for (const key of keys) remove.run(entityType, entityId, key.toLowerCase());
}

/**
 * The tags of an entity in the order they were first added.
 *
 * @example
 * readTags(store, 'user', user.id); // [{ Key: 'team', Value: 'payments' }]
 */
export function readTags(store: EmulatorStore, entityType: string, entityId: string): Tag[] {
  return store.db
    .prepare(
      `SELECT key AS Key, value AS Value FROM tags
       WHERE entity_type = ? AND entity_id = ? ORDER BY position`,
    )
    .all(entityType, entityId) as Tag[];
}

/**
 * Deletes every tag of an entity that is being deleted.
 *
 * @example
 * dropTags(store, 'user', user.id);
 */
export function dropTags(store: EmulatorStore, entityType: string, entityId: string): void {
  store.db
    .prepare('DELETE FROM tags WHERE entity_type = ? AND entity_id = ?')
    .run(entityType, entityId);
}
