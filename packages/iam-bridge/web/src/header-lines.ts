import { SigV4Error } from '@iam-bridge/sigv4/web';

/**
 * Reads the headers box: one `Name: value` per line; a line that starts with a space or a tab
 * continues the previous value (an obsolete folded header, kept so the signer can unfold it);
 * blank lines are skipped. A line without a name is refused with its line number.
 *
 * @example parseHeaderLines('Content-Type: text/plain\nX-Amz-Meta-A: 1')
 * // [['Content-Type', 'text/plain'], ['X-Amz-Meta-A', '1']]
 */
export function parseHeaderLines(text: string): [string, string][] {
  const headers: [string, string][] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');

  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    if (/^[ \t]/.test(line)) {
      const previous = headers[headers.length - 1];
      if (previous === undefined) {
        throw new SigV4Error(
          'InvalidHeaderName',
          `line ${index + 1} starts with a space but no header comes before it`,
        );
      }
      previous[1] += '\n' + line;
      return;
    }

    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new SigV4Error(
        'InvalidHeaderName',
        `line ${index + 1} ${JSON.stringify(line)} is not "Name: value"`,
      );
    }
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1)]);
  });
  return headers;
}
