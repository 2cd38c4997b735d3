import Database from 'better-sqlite3';

import { seedAwsManagedPolicies } from './aws-managed-policies.js';
import { migrateSchema } from './schema.js';
import { createFaultInjector, defaultSwitches, type EmulatorSwitches } from './switches.js';

/**
 * The account's root access key pair, accepted from the first request on.
 *
 * @example
 * const root: RootCredentials = defaultRootCredentials;
 */
export interface RootCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * AWS's documented example key pair, used as the emulator's root credentials unless
 * configured otherwise. It is public on purpose: the emulator is for local use only.
 *
 * @example
 * defaultRootCredentials.accessKeyId; // 'AKIAIOSFODNN7EXAMPLE'
 */
export const defaultRootCredentials: Readonly<RootCredentials> = Object.freeze({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
});

/**
 * The account id the emulator answers for unless configured otherwise.
 *
 * @example
 * defaultAccountId; // '123456789012'
 */
export const defaultAccountId = '123456789012';

/**
 * How to open a store: `file` is a path or `':memory:'` (the default).
 *
 * @example
 * const options: StoreOptions = { file: 'iam.sqlite', accountId: '111122223333' };
 */
export interface StoreOptions {
  file?: string;
  accountId?: string;
  rootCredentials?: RootCredentials;
  switches?: Partial<EmulatorSwitches>;
  /** Clock used for the creation dates of what opening the store seeds. */
  now?: () => Date;
}

/**
 * An open emulator state: the database, the account it serves and the test switches.
 *
 * @example
 * const store = openStore();
 * store.transaction(() => store.db.prepare('SELECT 1').get());
 * store.close();
 */
export interface EmulatorStore {
  readonly db: Database.Database;
  readonly accountId: string;
  readonly rootCredentials: RootCredentials;
  readonly switches: EmulatorSwitches;
  /** Throws `Throttling` or `ServiceFailure` when the switches say this call should fail. */
  injectFault(): void;
  /** Runs `work` in one SQLite transaction: all of its writes land, or none do. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/**
 * Opens (creating or migrating) an emulator store. Files use WAL mode so readers never
 * wait for a writer; AWS managed policies and the root access key are present from the
 * first call.
 *
 * @example
 * const store = openStore({ file: ':memory:', accountId: '123456789012' });
 */
export function openStore(options: StoreOptions = {}): EmulatorStore {
  const file = options.file ?? ':memory:';
  const db = new Database(file);
  if (file !== ':memory:') {
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL never corrupts the file; a power cut may only lose the last commits,
    // which is a fair price for not waiting on the disk at every request of a local emulator.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrateSchema(db);

  const accountId = options.accountId ?? defaultAccountId;
  const rootCredentials = { ...(options.rootCredentials ?? defaultRootCredentials) };
  const switches: EmulatorSwitches = { ...defaultSwitches, ...options.switches };
  const now = options.now ?? (() => new Date());

  db.transaction(() => {
    seedAwsManagedPolicies(db, now());
    db.prepare(
      `INSERT INTO access_keys (id, user_id, secret, status, create_date, usable_after)
       VALUES (?, NULL, ?, 'Active', ?, 0)
       ON CONFLICT (id) DO UPDATE SET secret = excluded.secret, user_id = NULL`,
    ).run(rootCredentials.accessKeyId, rootCredentials.secretAccessKey, now().getTime());
  })();

  cacheStatements(db);
  // One transaction wrapper for every call: building a new one per request costs more than
  // most of the queries it wraps. Nested calls become savepoints, as before.
  const runInTransaction = db.transaction((work: () => unknown) => work());

  return {
    db,
    accountId,
    rootCredentials,
    switches,
    injectFault: createFaultInjector(switches),
    transaction: <T>(work: () => T) => runInTransaction.immediate(work) as T,
    close: () => db.close(),
  };
}

const STATEMENT_CACHE_LIMIT = 1000;

// Handlers prepare their SQL text on every call; compiling it once per database instead makes
// a request several times cheaper. The texts are fixed in the code, so the cache stays small.
function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      if (statements.size < STATEMENT_CACHE_LIMIT) statements.set(source, statement);
    }
    return statement;
  }) as typeof db.prepare;
}
