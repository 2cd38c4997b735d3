/** One line of a line diff: in both texts, only in ours, or only in theirs. */
export interface DiffLine {
  kind: 'same' | 'ours' | 'theirs';
  text: string;
}

/**
 * Line diff of two texts by longest common subsequence, ours first where the texts disagree.
 *
 * @example diffLines('GET\n/a', 'GET\n/b')
 * // [{ kind: 'same', text: 'GET' }, { kind: 'ours', text: '/a' }, { kind: 'theirs', text: '/b' }]
 */
export function diffLines(ours: string, theirs: string): DiffLine[] {
  const a = ours.split('\n');
  const b = theirs.split('\n');

  // lengths[i][j] = length of the longest common subsequence of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1));
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      lengths[i][j] =
        i === a.length || j === b.length
          ? 0
          : a[i] === b[j]
            ? lengths[i + 1][j + 1] + 1
            : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }

  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (j === b.length || (i < a.length && lengths[i + 1][j] >= lengths[i][j + 1])) {
      out.push({ kind: 'ours', text: a[i] });
      i++;
    } else {
      out.push({ kind: 'theirs', text: b[j] });
      j++;
    }
  }
  return out;
}
