import type { CanonicalRequestParts } from '@iam-bridge/sigv4/web';
import { copyButton, copyable } from './copy-button.js';
import { curlCommand } from './curl-command.js';
import { byId, create } from './dom.js';
import type { FormSigned } from './form-signing.js';
import { signingKeySteps } from './signing-key-steps.js';

/** The six canonical request parts in order, with the label and color class each shows with. */
export const CANONICAL_PARTS: { key: keyof CanonicalRequestParts; label: string }[] = [
  { key: 'method', label: 'HTTP method' },
  { key: 'canonicalUri', label: 'Canonical URI' },
  { key: 'canonicalQuery', label: 'Canonical query string' },
  { key: 'canonicalHeaders', label: 'Canonical headers' },
  { key: 'signedHeaders', label: 'Signed headers' },
  { key: 'payloadHash', label: 'Payload hash' },
];

const STRING_TO_SIGN_LINES = [
  'Algorithm',
  'Request date (X-Amz-Date)',
  'Credential scope',
  'Canonical request hash',
];

function partRow(label: string, value: string, swatch?: string): HTMLTableRowElement {
  const name = create('th', { attributes: { scope: 'row' } }, [label]);
  if (swatch !== undefined) {
    name.prepend(
      create('span', { className: `swatch ${swatch}`, attributes: { 'aria-hidden': 'true' } }),
    );
  }
  const shown = value === '' ? create('em', { text: '(empty)' }) : value;
  return create('tr', {}, [
    name,
    create('td', {}, [create('pre', {}, [shown])]),
    create('td', {}, [copyButton(label.toLowerCase(), value)]),
  ]);
}

function renderCanonicalRequest(signed: FormSigned): void {
  const { canonicalRequestParts: parts, canonicalRequest } = signed.explanation;
  const spans: Node[] = [];
  CANONICAL_PARTS.forEach(({ key, label }, index) => {
    if (index > 0) spans.push(document.createTextNode('\n'));
    spans.push(
      create('span', {
        className: `part part-${key}`,
        text: parts[key],
        attributes: { title: label },
      }),
    );
  });
  byId('canonical-request-block').replaceChildren(
    ...copyable('canonical request', canonicalRequest, { id: 'canonical-request', content: spans }),
  );
  byId('canonical-parts')
    .querySelector('tbody')!
    .replaceChildren(
      ...CANONICAL_PARTS.map(({ key, label }) =>
        partRow(label, parts[key].replace(/\n$/, ''), `part-${key}`),
      ),
    );
}

function renderStringToSign(signed: FormSigned): void {
  const { stringToSign } = signed.explanation;
  byId('string-to-sign-block').replaceChildren(
    ...copyable('string to sign', stringToSign, { id: 'string-to-sign' }),
  );
  const lines = stringToSign.split('\n');
  byId('string-to-sign-parts')
    .querySelector('tbody')!
    .replaceChildren(...STRING_TO_SIGN_LINES.map((label, i) => partRow(label, lines[i] ?? '')));
}

/**
 * Fills the signing key disclosure: the four HMAC steps with their inputs and hex outputs, and
 * whether the last one is the key the signer used. Runs only once the disclosure is open.
 *
 * @example await renderSigningKeySteps(signed, values.secretAccessKey)
 */
export async function renderSigningKeySteps(signed: FormSigned, secret: string): Promise<void> {
  const { credentialScope, signingKey } = signed.explanation;
  const [date8, region, service] = credentialScope.split('/');
  const steps = await signingKeySteps(secret, date8, region, service);

  byId('signing-key-steps').replaceChildren(
    ...steps.map((step) =>
      create('li', {}, [
        create('p', {}, [
          create('code', { text: step.name }),
          ` = HMAC-SHA256(key: ${step.keyFrom}, data: `,
          create('code', { text: JSON.stringify(step.data) }),
          ')',
        ]),
        create('div', { className: 'copyable' }, [
          ...copyable(step.name, step.hex, { id: `signing-key-${step.name}` }),
        ]),
      ]),
    ),
  );
  const matches = steps[3].hex === signingKey;
  byId('signing-key-check').textContent = matches
    ? 'kSigning is the key the signer used.'
    : 'kSigning differs from the key the signer used.';
}

function renderOutput(signed: FormSigned): void {
  const { explanation } = signed;
  const title = byId('step-output-title');
  const text = byId('step-output-text');
  if (signed.mode === 'header') {
    title.textContent = '5. Authorization header';
    text.textContent =
      'Send these headers with the request; the Authorization header carries the credential ' +
      'scope, the signed header names and the signature.';
    const headers = Object.entries(signed.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    byId('output-block').replaceChildren(
      ...copyable('Authorization header', signed.headers.authorization ?? '', {
        id: 'authorization-header',
      }),
      create('h4', { text: 'All headers to send' }),
      ...copyable('headers to send', headers, { id: 'headers-to-send' }),
    );
  } else {
    title.textContent = '5. Presigned URL';
    const expires = signed.expiresAt?.toISOString() ?? '';
    text.textContent =
      `The signature travels in the query (X-Amz-Signature, last). Valid until ${expires}` +
      (Object.keys(signed.headers).length > 0 ? '; send the signed headers below with it.' : '.');
    const blocks = copyable('presigned URL', signed.url, { id: 'presigned-url' });
    const extra = Object.entries(signed.headers).map(([n, v]) => `${n}: ${v}`);
    if (extra.length > 0) {
      blocks.push(create('h4', { text: 'Signed headers to send with it' }));
      blocks.push(...copyable('headers to send', extra.join('\n'), { id: 'headers-to-send' }));
    }
    byId('output-block').replaceChildren(...blocks);
  }

  const curl = curlCommand({
    method: signed.method,
    url: signed.url,
    headers: signed.headers,
    body: signed.body,
  });
  byId('curl-block').replaceChildren(...copyable('curl command', curl, { id: 'curl-command' }));
  byId('result-summary').textContent =
    `Signed for ${explanation.region}/${explanation.service} at ${explanation.amzDate}` +
    ` with ${explanation.accessKeyId}.`;
}

/**
 * Shows a signed request step by step: canonical request (six parts told apart), string to sign
 * (four lines labelled), the signing key derivation (on demand), the signature, the header or
 * presigned URL, and a curl command.
 *
 * @example await renderResult(outcome.signed, values.secretAccessKey)
 */
export async function renderResult(signed: FormSigned, secret: string): Promise<void> {
  renderCanonicalRequest(signed);
  renderStringToSign(signed);
  byId('signature-block').replaceChildren(
    ...copyable('signature', signed.explanation.signature, { id: 'signature' }),
  );
  renderOutput(signed);
  byId('result').hidden = false;

  const details = byId<HTMLDetailsElement>('signing-key-details');
  byId('signing-key-steps').replaceChildren();
  byId('signing-key-check').textContent = '';
  if (details.open) await renderSigningKeySteps(signed, secret);
}
