import type { Explanation } from '@iam-bridge/sigv4/web';
import { readAwsMessage } from './aws-message.js';
import { byId, create } from './dom.js';
import { diffLines } from './line-diff.js';
import { canonicalRequestCauses } from './canonical-request-causes.js';
import { SAME_STRINGS_CAUSE, type MismatchCause } from './mismatch-cause.js';
import { stringToSignCauses } from './string-to-sign-causes.js';

function diffBlock(title: string, ours: string, theirs: string): HTMLElement {
  const lines = diffLines(ours, theirs);
  const changed = lines.filter((l) => l.kind !== 'same').length;
  const pre = create('pre', {
    className: 'diff',
    attributes: { tabindex: '0', 'aria-label': title },
  });
  for (const line of lines) {
    const marker = line.kind === 'ours' ? '- ' : line.kind === 'theirs' ? '+ ' : '  ';
    const tag = line.kind === 'ours' ? 'del' : line.kind === 'theirs' ? 'ins' : 'span';
    const who = line.kind === 'ours' ? 'yours' : line.kind === 'theirs' ? 'AWS' : '';
    const row = create(tag, { className: `diff-line diff-${line.kind}` }, [
      create('span', { className: 'marker', text: marker, attributes: { 'aria-hidden': 'true' } }),
      line.text,
    ]);
    if (who !== '') row.prepend(create('span', { className: 'visually-hidden', text: `${who}: ` }));
    pre.append(row, '\n');
  }
  return create('div', { className: 'diff-block' }, [
    create('h4', {
      text: changed === 0 ? `${title}: identical` : `${title}: ${changed} lines differ`,
    }),
    create('p', { className: 'legend' }, [
      create('span', { className: 'diff-ours', text: '- yours' }),
      ' ',
      create('span', { className: 'diff-theirs', text: '+ what AWS computed' }),
    ]),
    pre,
  ]);
}

function showError(message: string | undefined): void {
  const error = byId('aws-message-error');
  const field = byId('aws-message');
  error.hidden = message === undefined;
  error.textContent = message ?? '';
  if (message === undefined) field.removeAttribute('aria-invalid');
  else field.setAttribute('aria-invalid', 'true');
}

/**
 * Compares what AWS said it computed with the current explanation: line diffs of the canonical
 * request and string to sign, and the likely causes of the mismatch.
 *
 * @example compareWithAws(currentExplanation, byId('aws-message').value)
 */
export function compareWithAws(ours: Explanation | undefined, pasted: string): void {
  const result = byId('compare-result');
  if (ours === undefined) {
    result.hidden = true;
    showError('Sign a request first: the comparison is with the request signed above.');
    return;
  }
  const theirs = readAwsMessage(pasted);
  if (theirs.canonicalRequest === undefined && theirs.stringToSign === undefined) {
    result.hidden = true;
    showError('Paste the AWS error message, a canonical request or a string to sign.');
    return;
  }
  showError(undefined);

  const causes: MismatchCause[] = [];
  const diffs: HTMLElement[] = [];
  if (theirs.canonicalRequest !== undefined) {
    causes.push(...canonicalRequestCauses(ours.canonicalRequest, theirs.canonicalRequest));
    diffs.push(diffBlock('Canonical request', ours.canonicalRequest, theirs.canonicalRequest));
  }
  if (theirs.stringToSign !== undefined) {
    const found = stringToSignCauses(ours.stringToSign, theirs.stringToSign);
    // With the canonical request compared too, its own causes say more than "the hash differs".
    const hashOnly = theirs.canonicalRequest !== undefined && causes.length > 0;
    causes.push(...found.filter((c) => !(hashOnly && c.part === 'canonical request')));
    diffs.push(diffBlock('String to sign', ours.stringToSign, theirs.stringToSign));
  }

  const same =
    (theirs.canonicalRequest ?? ours.canonicalRequest) === ours.canonicalRequest &&
    (theirs.stringToSign ?? ours.stringToSign) === ours.stringToSign;
  if (same) causes.push(SAME_STRINGS_CAUSE);
  else if (causes.length === 0) {
    causes.push({ part: 'format', message: 'The lines marked below differ; check them by eye.' });
  }

  byId('compare-causes').replaceChildren(
    ...causes.map((cause) =>
      create('li', { attributes: { 'data-part': cause.part } }, [
        create('strong', { text: `${cause.part}: ` }),
        cause.message,
      ]),
    ),
  );
  byId('compare-diffs').replaceChildren(...diffs);
  result.hidden = false;
}
