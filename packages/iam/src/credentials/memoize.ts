import type { AwsCredentials, CredentialProvider } from './credentials.js';

/** Options of `memoizeProvider`. */
export interface MemoizeOptions {
  /** Fetch new credentials this long before they expire; default 5 minutes. */
  refreshBeforeMs?: number;
  now?: () => number;
}

/**
 * Wraps a provider so it is called once, and again only when the credentials it gave come
 * within `refreshBeforeMs` of their expiration. Concurrent callers share one pending call;
 * a failed call is not cached.
 *
 * @example
 * const provider = memoizeProvider(fromProfile({ profile: 'admin' }));
 * await provider(); await provider(); // one AssumeRole call
 */
export function memoizeProvider(
  provider: CredentialProvider,
  options: MemoizeOptions = {},
): CredentialProvider {
  const refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;

  const fresh = (credentials: AwsCredentials): boolean =>
    credentials.expiration === undefined ||
    credentials.expiration.getTime() - refreshBeforeMs > now();

  return async () => {
    if (cached && fresh(cached)) return cached;
    pending ??= provider().then(
      (credentials) => {
        cached = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
