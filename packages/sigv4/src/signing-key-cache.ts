/**
 * A bounded least-recently-used cache of derived signing keys. Entries are keyed by a digest of
 * the secret together with date, region and service, never by the secret itself, so a new UTC
 * day or another region or service derives a new key.
 *
 * @example
 * const cache = new SigningKeyCache(100);
 * signRequest(request, { credentials, keyCache: cache });
 */
export class SigningKeyCache<Key = unknown> {
  readonly maxEntries: number;
  readonly #entries = new Map<string, Key>();
  #newest: string | undefined;

  constructor(maxEntries = 64) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.maxEntries = maxEntries;
  }

  /** The cached key for an id from {@link signingKeyId}, marking it most recently used. */
  get(id: string): Key | undefined {
    const key = this.#entries.get(id);
    // Moving an entry to the end costs a delete and an insert; the newest one is already there.
    if (key !== undefined && id !== this.#newest) {
      this.#entries.delete(id);
      this.#entries.set(id, key);
      this.#newest = id;
    }
    return key;
  }

  /** Whether `id` is the most recently used entry (a cheap check: no lookup, no reordering). */
  isNewest(id: string): boolean {
    return id === this.#newest && this.#entries.has(id);
  }

  /** Stores a key, evicting the least recently used entry when full. */
  set(id: string, key: Key): void {
    this.#entries.delete(id);
    this.#entries.set(id, key);
    this.#newest = id;
    if (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
  }

  /** Number of keys held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Forgets every key. */
  clear(): void {
    this.#entries.clear();
    this.#newest = undefined;
  }
}

/**
 * The cache id for a signing key: secret digest, date, region and service.
 *
 * @example signingKeyId(digest, '20200718', 'us-east-1', 'iam')
 */
export function signingKeyId(
  secretDigest: string,
  date8: string,
  region: string,
  service: string,
): string {
  return secretDigest + '/' + date8 + '/' + region + '/' + service;
}

// Remembers the digest of each credentials object's secret, so the digest is computed once per
// object and not at every signature. Held weakly: it goes when the credentials object goes.
const digests = new WeakMap<object, { secret: string; digest: string }>();

/**
 * The digest of a credentials object's secret, computed with `digest` once per object and secret.
 *
 * @example secretDigestOf(credentials, (s) => sha256Hex(s))
 */
export function secretDigestOf(
  credentials: { secretAccessKey: string },
  digest: (secret: string) => string,
): string {
  const secret = credentials.secretAccessKey;
  const known = digests.get(credentials) ?? lastDigest;
  if (known !== undefined && known.secret === secret) return known.digest;
  const computed = { secret, digest: digest('iam-bridge-key-cache\n' + secret) };
  digests.set(credentials, computed);
  lastDigest = computed;
  return computed.digest;
}

// The digest made last: the same secret often comes in a new credentials object each time.
let lastDigest: { secret: string; digest: string } | undefined;

/** The cache used when the caller passes none. */
export const defaultKeyCache = new SigningKeyCache<unknown>(64);
