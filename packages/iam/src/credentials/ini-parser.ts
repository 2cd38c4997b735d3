import { IamError } from '../errors.js';

/** A value in an AWS config file: text, or a nested block such as `s3 =` with its lines. */
export type IniValue = string | Readonly<Record<string, string>>;

/** The sections of one file, by their name as written between the brackets (trimmed). */
export type IniSections = Record<string, Record<string, IniValue>>;

/**
 * Parses an AWS `credentials` or `config` file. Lines starting with `#` or `;` are comments,
 * as is the rest of a line from a `#` or `;` that follows white space. Section names are
 * trimmed; keys are case-sensitive. A key with an empty value followed by indented
 * `name = value` lines is a nested block (`s3 =`, a `services` section's `iam =`); any other
 * indented line continues the value above it. A later duplicate key wins.
 *
 * @throws IamError `InvalidConfigFile` naming the file and line of a line that is not
 *   understood (its text is not quoted: it might hold a secret)
 * @example
 * parseIni('[profile dev]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 20\n');
 * // { 'profile dev': { region: 'eu-west-1', s3: { max_concurrent_requests: '20' } } }
 */
export function parseIni(text: string, fileName = 'config file'): IniSections {
  const sections: IniSections = Object.create(null);
  let current: Record<string, IniValue> | undefined;
  let lastKey: string | undefined;

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = stripComment(rawLine);
    if (line.trim() === '') return;
    const indented = /^[ \t]/.test(line);

    if (!indented && line.trimStart().startsWith('[')) {
      const match = /^\s*\[([^\]]*)\]\s*$/.exec(line);
      if (!match || match[1].trim() === '') throw badLine(fileName, index);
      const name = match[1].trim().replace(/\s+/g, ' ');
      current = sections[name] ??= Object.create(null) as Record<string, IniValue>;
      lastKey = undefined;
      return;
    }
    if (current === undefined) throw badLine(fileName, index);

    if (indented && lastKey !== undefined) {
      continueValue(current, lastKey, line.trim(), fileName, index);
      return;
    }
    const [key, value] = splitAssignment(line, fileName, index);
    current[key] = value;
    lastKey = key;
  });
  return sections;
}

function continueValue(
  section: Record<string, IniValue>,
  key: string,
  line: string,
  fileName: string,
  index: number,
): void {
  const previous = section[key];
  if (typeof previous === 'object' || previous === '') {
    const [nestedKey, nestedValue] = splitAssignment(line, fileName, index);
    section[key] = { ...(typeof previous === 'object' ? previous : {}), [nestedKey]: nestedValue };
    return;
  }
  section[key] = `${previous}\n${line}`;
}

function splitAssignment(line: string, fileName: string, index: number): [string, string] {
  const equals = line.indexOf('=');
  if (equals === -1) throw badLine(fileName, index);
  const key = line.slice(0, equals).trim();
  if (key === '') throw badLine(fileName, index);
  return [key, line.slice(equals + 1).trim()];
}

function stripComment(line: string): string {
  if (/^\s*[#;]/.test(line)) return '';
  const match = /\s[#;]/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

function badLine(fileName: string, index: number): IamError {
  return new IamError({
    code: 'InvalidConfigFile',
    message: `${fileName} line ${index + 1} is neither a [section], a comment nor key = value`,
  });
}
