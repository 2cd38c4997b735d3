import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Whether a database setting names PostgreSQL.
 *
 * @example isPostgresUrl('postgres://db/iam') // true
 */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/**
 * What stops a SQLite database setting from being opened, in words an operator can act on
 * (`the folder /srv/iam does not exist`), or undefined when nothing visible does. PostgreSQL
 * URLs and `:memory:` are not files and have no such problem.
 *
 * @example sqliteLocationProblem('/nonexistent/dir/x.sqlite') // 'the folder ... does not exist'
 */
export function sqliteLocationProblem(database: string): string | undefined {
  if (database === ':memory:' || isPostgresUrl(database)) return undefined;
  const folder = dirname(resolve(database));
  const folderStats = statSync(folder, { throwIfNoEntry: false });
  if (folderStats === undefined) return `the folder ${folder} does not exist`;
  if (!folderStats.isDirectory()) return `${folder} is a file, not a folder`;

  const fileStats = statSync(database, { throwIfNoEntry: false });
  if (fileStats?.isDirectory()) return `${database} is a folder, not a SQLite file`;
  // SQLite in WAL mode writes files beside the database, so the folder must be writable too.
  for (const path of fileStats ? [database, folder] : [folder]) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch {
      return `${path} cannot be read and written by this user`;
    }
  }
  return undefined;
}

/**
 * A database setting fit for logs and messages: a PostgreSQL URL with its password masked
 * (`postgres://gateway:****@db/iam`), anything else as it is.
 *
 * @example databaseForDisplay('postgres://gw:s3cret@db/iam') // 'postgres://gw:****@db/iam'
 */
export function databaseForDisplay(database: string): string {
  if (!isPostgresUrl(database)) return database;
  try {
    const url = new URL(database);
    if (url.password) url.password = '****';
    return url.toString();
  } catch {
    // Not a URL that parses: mask whatever sits between the user name and the host.
    return database.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1****@');
  }
}
