import type { MismatchCause } from './mismatch-cause.js';

/**
 * Names the likely causes of a string to sign mismatch: algorithm, request date, the date,
 * region or service in the credential scope, or (through the hash) the canonical request.
 *
 * @example stringToSignCauses(ours, theirs) // [{ part: 'scope', message: 'Wrong region ...' }]
 */
export function stringToSignCauses(ours: string, theirs: string): MismatchCause[] {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  if (b.length !== 4) {
    return [
      {
        part: 'format',
        message: 'The pasted string to sign should have four lines: algorithm, date, scope, hash.',
      },
    ];
  }

  const causes: MismatchCause[] = [];
  if (a[0] !== b[0]) {
    causes.push({ part: 'algorithm', message: `The algorithm differs: AWS expects ${b[0]}.` });
  }
  if (a[1] !== b[1]) {
    causes.push({
      part: 'date',
      message:
        `The request date differs (${a[1]} vs ${b[1]}): sign with the X-Amz-Date you send, ` +
        'in UTC.',
    });
  }
  const ourScope = a[2].split('/');
  const theirScope = b[2].split('/');
  const scopeParts = ['date', 'region', 'service', 'terminator'];
  scopeParts.forEach((name, i) => {
    if (ourScope[i] === theirScope[i]) return;
    causes.push({
      part: 'scope',
      message:
        `Wrong ${name} in the credential scope: you signed for ${ourScope[i] ?? '(none)'}, ` +
        `AWS expects ${theirScope[i] ?? '(none)'}.`,
    });
  });
  if (a[3] !== b[3]) {
    causes.push({
      part: 'canonical request',
      message:
        'The canonical request hash differs: the canonical requests differ. Paste the whole ' +
        'AWS message (with the canonical string) to see where.',
    });
  }
  return causes;
}
