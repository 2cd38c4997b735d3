import { reencodeComponent, uriEncode } from './uri-encoding.js';

/**
 * How the path is encoded in the canonical request. `double`: the path as it stands on the wire
 * is encoded once more (every service but S3). `single`: the path is decoded and encoded once (S3).
 */
export type PathEncoding = 'double' | 'single';

/**
 * Whether `.`/`..` segments are resolved and repeated slashes collapsed before encoding. Every
 * service but S3 normalizes; S3 keys may legitimately contain `//` and `.`.
 */
export type PathNormalization = 'normalize' | 'none';

const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * Resolves `.` and `..` segments and collapses repeated slashes, keeping a trailing slash.
 *
 * @example normalizePath('/a/./b/../c//') // '/a/c/'
 */
export function normalizePath(path: string): string {
  if (!path.includes('//') && !path.includes('/.') && path.startsWith('/')) {
    return path;
  }

  const segments = path.split('/');
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const last = segments[segments.length - 1];
  const trailing = out.length > 0 && (last === '' || last === '.' || last === '..');
  return '/' + out.join('/') + (trailing ? '/' : '');
}

/**
 * The canonical URI (second line of the canonical request) for a path as it stands on the wire.
 *
 * @example canonicalUri('/documents and settings/', 'double', 'normalize')
 * // '/documents%2520and%2520settings/' for a path sent as '/documents%20and%20settings/'
 */
export function canonicalUri(
  path: string,
  pathEncoding: PathEncoding,
  pathNormalization: PathNormalization,
): string {
  // The root path is most requests' path (every Query API call) and is its own canonical form.
  if (path === '/') return path;
  const normalized = pathNormalization === 'normalize' ? normalizePath(path) : path || '/';
  if (PLAIN_PATH.test(normalized)) return normalized === '' ? '/' : normalized;

  const segments = normalized.split('/');
  for (let i = 0; i < segments.length; i++) {
    segments[i] =
      pathEncoding === 'double' ? uriEncode(segments[i]) : reencodeComponent(segments[i], false);
  }
  return segments.join('/');
}
