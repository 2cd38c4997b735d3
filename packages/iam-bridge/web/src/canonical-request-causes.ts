import type { MismatchCause } from './mismatch-cause.js';

interface CanonicalSplit {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  headerLines: string[];
  signedHeaders: string;
  payloadHash: string;
}

function splitCanonical(text: string): CanonicalSplit | undefined {
  const lines = text.split('\n');
  const blank = lines.indexOf('', 3);
  if (lines.length < 6 || blank === -1) return undefined;
  return {
    method: lines[0],
    canonicalUri: lines[1],
    canonicalQuery: lines[2],
    headerLines: lines.slice(3, blank),
    signedHeaders: lines[blank + 1] ?? '',
    payloadHash: lines.slice(blank + 2).join('\n'),
  };
}

function decodeFully(value: string): string {
  let current = value;
  for (let round = 0; round < 3; round++) {
    try {
      const next = decodeURIComponent(current.replace(/\+/g, ' '));
      if (next === current) break;
      current = next;
    } catch {
      break;
    }
  }
  return current;
}

const collapse = (value: string) => value.trim().replace(/\s+/g, ' ');
const headerName = (line: string) => line.slice(0, Math.max(line.indexOf(':'), 0));
const headerValue = (line: string) => line.slice(line.indexOf(':') + 1);

function pathCause(ours: string, theirs: string): MismatchCause {
  const once = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  if (decodeFully(ours) === decodeFully(theirs)) {
    const twice = once(ours) === theirs || once(theirs) === ours;
    return {
      part: 'path',
      message: twice
        ? 'The path is encoded a different number of times: services other than S3 encode ' +
          'each path segment twice, S3 once.'
        : 'The path is percent-encoded differently: encode every byte except A-Z a-z 0-9 - _ . ~ ' +
          'with upper-case hex.',
    };
  }
  if (/\/\.{1,2}(\/|$)|\/\//.test(ours + theirs)) {
    return {
      part: 'path',
      message:
        'The path is normalized differently: services other than S3 remove "." and ".." ' +
        'segments and collapse "//"; S3 signs the path as it is.',
    };
  }
  return { part: 'path', message: `The path differs: you signed ${ours}, AWS got ${theirs}.` };
}

function queryCause(ours: string, theirs: string): MismatchCause {
  const params = (query: string) =>
    query === '' ? [] : query.split('&').map((pair) => decodeFully(pair));
  const a = params(ours);
  const b = params(theirs);
  if ([...a].sort().join('&') === [...b].sort().join('&')) {
    const sameOrder = a.join('&') === b.join('&');
    return {
      part: 'query',
      message: sameOrder
        ? 'The query is encoded differently: spaces must be %20 (not +), and every reserved ' +
          'character percent-encoded with upper-case hex.'
        : 'The query parameters are in a different order: sort them by encoded name, then value.',
    };
  }
  const missing = b.filter((p) => !a.includes(p)).map((p) => p.split('=')[0]);
  const extra = a.filter((p) => !b.includes(p)).map((p) => p.split('=')[0]);
  const names = [...new Set([...missing, ...extra])].join(', ');
  return {
    part: 'query',
    message: `The query parameters differ (${names}): the URL sent is not the URL you signed.`,
  };
}

function headerCauses(ours: CanonicalSplit, theirs: CanonicalSplit): MismatchCause[] {
  const causes: MismatchCause[] = [];
  const ourSigned = ours.signedHeaders.split(';');
  const theirSigned = theirs.signedHeaders.split(';');

  if (ours.signedHeaders !== theirs.signedHeaders) {
    const lower = (names: string[]) => names.map((n) => n.toLowerCase());
    const missing = lower(theirSigned).filter((n) => !lower(ourSigned).includes(n));
    const extra = lower(ourSigned).filter((n) => !lower(theirSigned).includes(n));
    if (missing.length > 0) {
      causes.push({
        part: 'signed headers',
        message: `A signed header is missing: AWS signs ${missing.join(', ')}, you did not.`,
      });
    }
    if (extra.length > 0) {
      causes.push({
        part: 'signed headers',
        message:
          `An extra signed header: you signed ${extra.join(', ')}, AWS did not see it ` +
          '(a proxy or client library may drop or rename it).',
      });
    }
    if (missing.length === 0 && extra.length === 0) {
      causes.push({
        part: 'signed headers',
        message:
          ours.signedHeaders.toLowerCase() === theirs.signedHeaders.toLowerCase()
            ? 'Header name case: signed header names must be lower case.'
            : 'Header order: signed headers must be sorted by lower-case name.',
      });
    }
  }

  const theirValues = new Map(theirs.headerLines.map((l) => [headerName(l).toLowerCase(), l]));
  const ourNames = ours.headerLines.map((l) => headerName(l));
  const theirNames = theirs.headerLines.map((l) => headerName(l));
  if ([...ourNames, ...theirNames].some((n) => n !== n.toLowerCase())) {
    causes.push({
      part: 'headers',
      message: 'Header name case: canonical header names are lower case.',
    });
  } else if (
    ourNames.length === theirNames.length &&
    ourNames.join() !== theirNames.join() &&
    [...ourNames].sort().join() === [...theirNames].sort().join()
  ) {
    causes.push({
      part: 'headers',
      message: 'Header order: sort canonical headers by lower-case name.',
    });
  }

  for (const line of ours.headerLines) {
    const name = headerName(line).toLowerCase();
    const theirLine = theirValues.get(name);
    if (theirLine === undefined || headerValue(theirLine) === headerValue(line)) continue;
    const a = headerValue(line);
    const b = headerValue(theirLine);
    let message: string;
    if (collapse(a) === collapse(b)) {
      message =
        `The value of ${name} has different spaces: trim it and collapse inner runs of ` +
        'spaces to one.';
    } else if (a.toLowerCase() === b.toLowerCase()) {
      message = `The value of ${name} differs in case only: values are signed as sent.`;
    } else if (name === 'host') {
      message = `The Host differs (${a} vs ${b}): a proxy, a port or a custom endpoint changed it.`;
    } else if (name === 'x-amz-date') {
      message = `The X-Amz-Date header differs (${a} vs ${b}): sign with the date you send.`;
    } else {
      message = `The value of header ${name} differs: you signed "${a}", AWS got "${b}".`;
    }
    causes.push({ part: 'headers', message });
  }
  return causes;
}

/**
 * Names the likely causes of a canonical request mismatch, part by part: method, path encoding
 * or normalization, query encoding or order, header order, case, spaces or values, missing or
 * extra signed headers, payload hash.
 *
 * @example canonicalRequestCauses(ours, theirs)[0].message
 * // 'The value of x-amz-meta-a has different spaces: ...'
 */
export function canonicalRequestCauses(ours: string, theirs: string): MismatchCause[] {
  const a = splitCanonical(ours);
  const b = splitCanonical(theirs);
  if (a === undefined || b === undefined) {
    return [
      {
        part: 'format',
        message:
          'The pasted text is not a canonical request: expected six parts, the headers ending ' +
          'with a blank line.',
      },
    ];
  }

  const causes: MismatchCause[] = [];
  if (a.method !== b.method) {
    causes.push({
      part: 'method',
      message: `The method differs: you signed ${a.method}, AWS received ${b.method}.`,
    });
  }
  if (a.canonicalUri !== b.canonicalUri) causes.push(pathCause(a.canonicalUri, b.canonicalUri));
  if (a.canonicalQuery !== b.canonicalQuery) {
    causes.push(queryCause(a.canonicalQuery, b.canonicalQuery));
  }
  causes.push(...headerCauses(a, b));
  if (a.payloadHash !== b.payloadHash) {
    causes.push({
      part: 'payload hash',
      message:
        'The payload hash differs: the body AWS received is not the body you signed (changed ' +
        'in transit, another encoding or line ending), or x-amz-content-sha256 says otherwise.',
    });
  }
  return causes;
}
