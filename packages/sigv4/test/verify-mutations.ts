// One-byte mutations of a signed request on the wire, each with the codes a verifier must answer.
import type { VerifiableRequest } from '../src/index.js';

/** A request as it travels: request target in origin form, header lines, body. */
export interface WireRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body: string;
}

export interface Mutation {
  name: string;
  request: WireRequest;
  codes: readonly string[];
}

const MISMATCH = ['SignatureDoesNotMatch'] as const;
const AUTH_PARAMS = /^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature)=/;

export function toVerifiable(wire: WireRequest): VerifiableRequest {
  return { method: wire.method, url: wire.target, headers: wire.headers, body: wire.body };
}

/** A different character in the same place: letters and digits stay letters and digits. */
export function flipChar(c: string): string {
  if (c >= '0' && c <= '8') return String.fromCharCode(c.charCodeAt(0) + 1);
  if (c === '9') return '0';
  if (c === 'x') return 'y';
  return 'x';
}

function flipAt(text: string, index: number): string {
  return text.slice(0, index) + flipChar(text[index]) + text.slice(index + 1);
}

function lastNonSpace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (!/\s/.test(text[i])) return i;
  return -1;
}

function withHeader(wire: WireRequest, name: string, edit: (v: string) => string): WireRequest {
  return {
    ...wire,
    headers: wire.headers.map(([n, v]) => [n, n.toLowerCase() === name ? edit(v) : v]),
  };
}

function withTarget(wire: WireRequest, edit: (path: string, query: string[]) => string) {
  const q = wire.target.indexOf('?');
  const path = q === -1 ? wire.target : wire.target.slice(0, q);
  const query = q === -1 ? [] : wire.target.slice(q + 1).split('&');
  return { ...wire, target: edit(path, query) };
}

function header(wire: WireRequest, name: string): string | undefined {
  return wire.headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function editParam(wire: WireRequest, name: string, edit: (value: string) => string) {
  return withTarget(wire, (path, query) => {
    const out = query.map((pair) =>
      pair.startsWith(name + '=') ? name + '=' + edit(pair.slice(name.length + 1)) : pair,
    );
    return path + '?' + out.join('&');
  });
}

/** Scope part i (0 key id ... 4 terminator) flipped in a credential, and the expected codes. */
const SCOPE_PARTS: [string, number, readonly string[]][] = [
  ['access key id', 0, ['InvalidClientTokenId']],
  ['scope date', 1, MISMATCH],
  ['scope region', 2, MISMATCH],
  ['scope service', 3, MISMATCH],
  ['scope terminator', 4, MISMATCH],
];

function flipScope(credential: string, part: number): string {
  const parts = credential.split('/');
  parts[part] = flipAt(parts[part], 0);
  return parts.join('/');
}

/** The mutations of a header-signed or presigned request. */
export function mutationsOf(wire: WireRequest): Mutation[] {
  const out: Mutation[] = [];
  const add = (name: string, request: WireRequest, codes: readonly string[]) =>
    out.push({ name, request, codes });
  const authorization = header(wire, 'authorization');
  const mode = authorization === undefined ? 'query' : 'header';

  add('method', { ...wire, method: flipAt(wire.method, 0) }, MISMATCH);
  add(
    'path',
    withTarget(wire, (p, q) => p + 'x' + (q.length ? '?' + q.join('&') : '')),
    MISMATCH,
  );

  const plainIndex = withTarget(wire, (p) => p).target;
  const query = wire.target.slice(plainIndex.length + 1).split('&');
  const own = query.findIndex(
    (pair) => pair !== '' && !AUTH_PARAMS.test(pair) && !pair.startsWith('X-Amz-Security-Token='),
  );
  if (own !== -1) {
    add(
      'query value',
      withTarget(wire, (p, q) => {
        q[own] = q[own].includes('=') ? q[own] + 'x' : q[own] + '=x';
        return p + '?' + q.join('&');
      }),
      MISMATCH,
    );
  }

  const signed =
    mode === 'header'
      ? (/SignedHeaders=([^,\s]+)/.exec(authorization as string)?.[1].split(';') ?? [])
      : decodeURIComponent(/X-Amz-SignedHeaders=([^&]*)/.exec(wire.target)?.[1] ?? '').split(';');
  const target = signed.find((n) => !['x-amz-date', 'x-amz-content-sha256'].includes(n));
  if (target !== undefined) {
    const value = header(wire, target) ?? '';
    const i = lastNonSpace(value);
    const codes = target === 'x-amz-security-token' ? ['InvalidClientTokenId'] : MISMATCH;
    add(
      `header ${target}`,
      withHeader(wire, target, (v) => (i === -1 ? v + 'x' : flipAt(v, i))),
      codes,
    );
  }

  const body = wire.body === '' ? 'x' : flipAt(wire.body, 0);
  add('body', { ...wire, body }, ['SignatureDoesNotMatch', 'XAmzContentSHA256Mismatch']);

  const dateCodes = ['SignatureDoesNotMatch', 'AccessDenied'];
  if (mode === 'header') {
    const name = header(wire, 'x-amz-date') !== undefined ? 'x-amz-date' : 'date';
    add(
      'X-Amz-Date second',
      withHeader(wire, name, (v) => flipAt(v, v.length - 2)),
      dateCodes,
    );
    add(
      'X-Amz-Date day',
      withHeader(wire, name, (v) => flipAt(v, 7)),
      [...dateCodes, 'IncompleteSignature'],
    );
    for (const [label, part, codes] of SCOPE_PARTS) {
      const edit = (v: string) =>
        v.replace(/Credential=([^,\s]+)/, (_m, c) => 'Credential=' + flipScope(c, part));
      add(label, withHeader(wire, 'authorization', edit), codes);
    }
    const sig = (v: string) =>
      v.replace(/Signature=([0-9a-f])/, (_m, c) => 'Signature=' + flipChar(c));
    add('signature', withHeader(wire, 'authorization', sig), MISMATCH);
  } else {
    add(
      'X-Amz-Date second',
      editParam(wire, 'X-Amz-Date', (v) => flipAt(v, v.length - 2)),
      dateCodes,
    );
    add(
      'X-Amz-Date day',
      editParam(wire, 'X-Amz-Date', (v) => flipAt(v, 7)),
      [...dateCodes, 'AuthorizationQueryParametersError'],
    );
    for (const [label, part, codes] of SCOPE_PARTS) {
      const edit = (v: string) => encodeURIComponent(flipScope(decodeURIComponent(v), part));
      add(label, editParam(wire, 'X-Amz-Credential', edit), codes);
    }
    add(
      'signature',
      editParam(wire, 'X-Amz-Signature', (v) => flipAt(v, 0)),
      MISMATCH,
    );
  }
  return out;
}
