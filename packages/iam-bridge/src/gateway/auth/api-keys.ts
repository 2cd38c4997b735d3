import { createHash, randomBytes } from 'node:crypto';

import { hash, verify } from '@node-rs/argon2';

import type { ApiKeyRecord, GatewayStore, Scope } from '../store/index.js';

/** The scopes a key may be given. */
export const SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

// iamb_<12 hex id>_<43 base64url secret>: the id is public and finds the row.
const KEY_PATTERN = /^iamb_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * A new key: the record to store and the key text, which is shown once and never stored.
 *
 * @example
 * const { key, record } = await createApiKey(store, { name: 'ci', scopes: ['read'] });
 */
export async function createApiKey(
  store: GatewayStore,
  options: { name: string; scopes: readonly Scope[]; now?: Date },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const scopes = [...new Set(options.scopes)];
  const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new TypeError(`scopes must be some of ${SCOPES.join(', ')}; got ${scopes.join(',')}`);
  }
  if (!/^[\w .@-]{1,64}$/.test(options.name)) {
    throw new TypeError('name must be 1-64 letters, digits, spaces or _ . @ -');
  }
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const record: ApiKeyRecord = {
    id,
    name: options.name,
    scopes,
    // @node-rs/argon2 hashes with argon2id unless told otherwise.
    hash: await hash(secret),
    createdAt: (options.now ?? new Date()).toISOString(),
  };
  await store.insertApiKey(record);
  return { key: `iamb_${id}_${secret}`, record };
}

/**
 * The authenticated caller of a request.
 *
 * @example
 * const caller: Caller = { id: 'key:0a1b2c3d4e5f', name: 'ci', scopes: ['read'] };
 */
export interface Caller {
  id: string;
  name: string;
  scopes: Scope[];
}

/**
 * Checks API keys: finds the record by the key's public id, verifies the secret against
 * its argon2id hash, and remembers a success for `cacheMs` (keyed by the key's SHA-256, so
 * the raw key is not kept) to keep argon2 off the hot path. A revoked key therefore stops
 * working on a replica within `cacheMs` at most.
 *
 * @example
 * const keys = new ApiKeyVerifier(store, { cacheMs: 30_000 });
 * const caller = await keys.verify(token); // undefined when refused
 */
export class ApiKeyVerifier {
  readonly #store: GatewayStore;
  readonly #cacheMs: number;
  readonly #cache = new Map<string, { caller: Caller; until: number }>();
  // Concurrent first requests with one key share one argon2 check.
  readonly #checking = new Map<string, Promise<Caller | undefined>>();

  constructor(store: GatewayStore, options: { cacheMs?: number } = {}) {
    this.#store = store;
    this.#cacheMs = options.cacheMs ?? 30_000;
  }

  async verify(key: string): Promise<Caller | undefined> {
    const digest = digestOf(key);
    const cached = this.#fresh(digest);
    if (cached) return cached;

    let checking = this.#checking.get(digest);
    if (!checking) {
      checking = this.#check(key, digest).finally(() => this.#checking.delete(digest));
      this.#checking.set(digest, checking);
    }
    return checking;
  }

  /**
   * The caller of a key verified within `cacheMs`, without waiting; undefined when the key
   * needs checking (`verify`).
   */
  cached(key: string): Caller | undefined {
    return this.#fresh(digestOf(key));
  }

  #fresh(digest: string): Caller | undefined {
    const cached = this.#cache.get(digest);
    return cached && cached.until > Date.now() ? cached.caller : undefined;
  }

  async #check(key: string, digest: string): Promise<Caller | undefined> {
    const match = KEY_PATTERN.exec(key);
    if (!match) return undefined;
    const record = await this.#store.findApiKey(match[1]!);
    if (!record || record.revokedAt) return undefined;
    if (!(await verify(record.hash, match[2]!))) return undefined;

    const caller: Caller = { id: `key:${record.id}`, name: record.name, scopes: record.scopes };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(digest, { caller, until: Date.now() + this.#cacheMs });
    return caller;
  }

  /** Forgets every cached success, e.g. after a revocation in this process. */
  forget(): void {
    this.#cache.clear();
  }
}

function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

/**
 * Whether a caller's scopes cover the scope a route needs (`admin` covers all, `write`
 * covers `read`).
 *
 * @example hasScope(['write'], 'read') // true
 */
export function hasScope(scopes: readonly Scope[], needed: Scope): boolean {
  if (scopes.includes('admin')) return true;
  if (needed === 'read') return scopes.includes('read') || scopes.includes('write');
  return scopes.includes(needed);
}
