// Output members that hold secrets, in the gateway's own views and in IAM's outputs.
const SECRET_MEMBERS = new Set([
  'password',
  'secretaccesskey',
  'sessiontoken',
  'servicepassword',
  'privatekey',
  'base32stringseed',
  'qrcodepng',
]);

/**
 * The body an `Idempotency-Key` replays instead of an answer that held secrets: the same
 * answer with every secret member left out (secrets are shown once and never stored), and
 * `secretsOmitted: true` at the top when any was. A placeholder in place of the secret
 * would be saved as the secret by a client that does not look closely; a missing member
 * fails loudly instead.
 *
 * @example
 * replayBodyOf({ accessKey: { accessKeyId: 'AKIA...', secretAccessKey: 's' } })
 * // { accessKey: { accessKeyId: 'AKIA...' }, secretsOmitted: true }
 */
export function replayBodyOf(body: unknown): unknown {
  const found = { omitted: false };
  const stripped = withoutSecrets(body, found);
  if (!found.omitted || typeof stripped !== 'object' || stripped === null) return stripped;
  if (Array.isArray(stripped)) return stripped;
  return { ...stripped, secretsOmitted: true };
}

function withoutSecrets(value: unknown, found: { omitted: boolean }): unknown {
  if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry, found));
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  const kept: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (SECRET_MEMBERS.has(name.toLowerCase())) {
      found.omitted = true;
      continue;
    }
    kept[name] = withoutSecrets(entry, found);
  }
  return kept;
}
