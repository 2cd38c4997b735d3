// Searching users by name prefix over GET /v1/users, which pages but does not filter by name:
// the console reads whole pages and keeps the matches.

/** A user as `GET /v1/users` and `GET /v1/users/{userName}` show it. */
export interface UserView {
  userName: string;
  userId?: string;
  arn?: string;
  path?: string;
  createDate?: string;
  passwordLastUsed?: string;
  permissionsBoundary?: string;
  tags?: Record<string, string>;
  [more: string]: unknown;
}

/** One page of `GET /v1/users`. */
export interface UserPage {
  users: UserView[];
  nextCursor?: string;
}

/** One page of search results and where the next one starts. */
export interface SearchResult {
  users: UserView[];
  nextCursor?: string;
  /** How many users were read to find these. */
  scanned: number;
}

/**
 * Finds users whose name starts with `prefix` (case-insensitive, as IAM names are), reading
 * pages from `cursor` on until `pageSize` matches are found or the list ends. Whole pages are
 * read, so a page of results may hold a few more than `pageSize`; `nextCursor` continues
 * right after the last page read. An empty prefix lists every user a page at a time.
 *
 * @example
 * const result = await searchUsers((path) => api.call('GET', path), { prefix: 'an' });
 */
export async function searchUsers(
  get: (path: string) => Promise<UserPage>,
  options: { prefix: string; cursor?: string; pageSize?: number; maxScan?: number },
): Promise<SearchResult> {
  const pageSize = options.pageSize ?? 20;
  const prefix = options.prefix.trim().toLowerCase();
  // Without a prefix every user matches, so one page of pageSize is exactly one page.
  const limit = prefix === '' ? pageSize : 100;
  const maxScan = options.maxScan ?? 5_000;

  const users: UserView[] = [];
  let cursor = options.cursor;
  let scanned = 0;
  do {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== undefined) query.set('cursor', cursor);
    const page = await get(`/v1/users?${query.toString()}`);
    scanned += page.users.length;
    users.push(...page.users.filter((user) => user.userName.toLowerCase().startsWith(prefix)));
    cursor = page.nextCursor;
  } while (cursor !== undefined && users.length < pageSize && scanned < maxScan);

  return { users, scanned, ...(cursor === undefined ? {} : { nextCursor: cursor }) };
}
