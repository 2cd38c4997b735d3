import type Database from 'better-sqlite3';

/**
 * Schema steps, applied in order; the index + 1 is the schema version a step leads to.
 * A new version appends a step and never edits an old one, so old files migrate forward.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL, create_date INTEGER NOT NULL, permissions_boundary TEXT
  );
  CREATE TABLE tags (
    entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, key_lower TEXT NOT NULL,
    key TEXT NOT NULL, value TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (entity_type, entity_id, key_lower)
  );
  CREATE TABLE access_keys (
    id TEXT PRIMARY KEY, user_id TEXT, secret TEXT NOT NULL, status TEXT NOT NULL,
    create_date INTEGER NOT NULL, usable_after INTEGER NOT NULL,
    last_used_date INTEGER, last_used_service TEXT, last_used_region TEXT
  );
  CREATE INDEX access_keys_user ON access_keys (user_id);
  CREATE TABLE login_profiles (
    user_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL,
    password_reset_required INTEGER NOT NULL, create_date INTEGER NOT NULL
  );
  CREATE TABLE groups (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL, create_date INTEGER NOT NULL
  );
  CREATE TABLE group_members (
    group_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX group_members_user ON group_members (user_id);
  CREATE TABLE policies (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, scope TEXT NOT NULL,
    path TEXT NOT NULL, arn TEXT NOT NULL UNIQUE, description TEXT,
    default_version_id TEXT NOT NULL, next_version INTEGER NOT NULL,
    create_date INTEGER NOT NULL, update_date INTEGER NOT NULL,
    UNIQUE (scope, name_key)
  );
  CREATE TABLE policy_versions (
    policy_id TEXT NOT NULL, version_id TEXT NOT NULL, version_number INTEGER NOT NULL,
    document TEXT NOT NULL, create_date INTEGER NOT NULL,
    PRIMARY KEY (policy_id, version_id)
  );
  CREATE TABLE attachments (
    policy_id TEXT NOT NULL, entity_type TEXT NOT NULL, entity_id TEXT NOT NULL,
    PRIMARY KEY (policy_id, entity_type, entity_id)
  );
  CREATE INDEX attachments_entity ON attachments (entity_type, entity_id);
  CREATE TABLE inline_policies (
    entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL,
    name_key TEXT NOT NULL, document TEXT NOT NULL,
    PRIMARY KEY (entity_type, entity_id, name_key)
  );
  CREATE TABLE mfa_devices (
    serial TEXT PRIMARY KEY, serial_key TEXT NOT NULL UNIQUE, seed TEXT NOT NULL,
    user_id TEXT, enable_date INTEGER, create_date INTEGER NOT NULL
  );
  CREATE TABLE ssh_keys (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, body TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status TEXT NOT NULL, upload_date INTEGER NOT NULL
  );
  CREATE TABLE signing_certificates (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, body TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status TEXT NOT NULL, upload_date INTEGER NOT NULL
  );
  CREATE TABLE service_credentials (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, service_name TEXT NOT NULL,
    service_user_name TEXT NOT NULL, password TEXT NOT NULL, status TEXT NOT NULL,
    create_date INTEGER NOT NULL
  );
  CREATE TABLE account_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
];

/**
 * The schema version this code writes.
 *
 * @example
 * if (readSchemaVersion(db) > currentSchemaVersion) throw new Error('newer file');
 */
export const currentSchemaVersion = migrations.length;

/**
 * Reads the version recorded in `schema_version`, 0 for an empty database.
 *
 * @example
 * readSchemaVersion(new Database(':memory:')); // 0
 */
export function readSchemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as
    { version: number } | undefined;
  return row?.version ?? 0;
}

/**
 * Creates the schema or migrates it forward, in one transaction; refuses a file written by
 * a newer version rather than guess at its tables.
 *
 * @example
 * migrateSchema(db); // readSchemaVersion(db) === currentSchemaVersion afterwards
 */
export function migrateSchema(db: Database.Database): void {
  db.transaction(() => {
    const version = readSchemaVersion(db);
    if (version > currentSchemaVersion) {
      throw new Error(
        `emulator data file has schema version ${version}; ` +
          `this build knows ${currentSchemaVersion}`,
      );
    }

    for (let step = version; step < currentSchemaVersion; step++) db.exec(migrations[step]);

    db.prepare('DELETE FROM schema_version').run();
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(currentSchemaVersion);
  })();
}
