/** A likely reason two signing strings differ, tied to the part where they differ. */
export interface MismatchCause {
  part:
    | 'method'
    | 'path'
    | 'query'
    | 'headers'
    | 'signed headers'
    | 'payload hash'
    | 'algorithm'
    | 'date'
    | 'scope'
    | 'canonical request'
    | 'secret'
    | 'format';
  message: string;
}

/**
 * What to say when AWS computed exactly the strings you did: the difference is in the key.
 *
 * @example SAME_STRINGS_CAUSE.part // 'secret'
 */
export const SAME_STRINGS_CAUSE: MismatchCause = {
  part: 'secret',
  message:
    'AWS computed the same strings, so the signing key differs: check the secret access key ' +
    'belongs to this access key id (and the session token to both).',
};
