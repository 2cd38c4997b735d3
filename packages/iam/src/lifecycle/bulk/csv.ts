/**
 * One CSV record with the line it starts on (1-based), or the reason it cannot be read.
 *
 * @example
 * const record: CsvRecord = { line: 2, fields: ['ana', '/staff/'] };
 */
export interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

/**
 * Splits CSV text into records as RFC 4180 reads it: fields separated by commas, records
 * by CRLF or LF, fields in double quotes may hold commas, line breaks and doubled quotes
 * (`""`). Blank lines are skipped. A quote left open, or text after a closing quote,
 * makes that record an error instead of swallowing the rest of the file.
 *
 * @example
 * parseCsv('userName,groups\n"o\'brien, jr",dev;ops\n');
 * // [{ line: 1, fields: ['userName', 'groups'] },
 * //  { line: 2, fields: ["o'brien, jr", 'dev;ops'] }]
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let index = 0;
  let line = 1;

  while (index < source.length) {
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    let field = '';
    let atRecordEnd = false;

    while (!atRecordEnd) {
      if (source[index] === '"') {
        index++;
        for (;;) {
          if (index >= source.length) {
            error = `quote opened on line ${startLine} is never closed`;
            break;
          }
          const char = source[index];
          if (char === '"' && source[index + 1] === '"') {
            field += '"';
            index += 2;
          } else if (char === '"') {
            index++;
            break;
          } else {
            if (char === '\n') line++;
            field += char;
            index++;
          }
        }
        if (error) break;
        const next = source[index];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          error = `text after a closing quote on line ${line}`;
          // Skip the rest of this physical line so the next record starts clean.
          while (index < source.length && source[index] !== '\n') index++;
        }
      } else {
        while (index < source.length && !',\r\n'.includes(source[index])) {
          field += source[index];
          index++;
        }
      }

      fields.push(field);
      field = '';
      const separator = source[index];
      if (separator === ',') {
        index++;
      } else {
        if (separator === '\r') index++;
        if (source[index] === '\n') index++;
        line++;
        atRecordEnd = true;
      }
    }

    if (error) {
      records.push({ line: startLine, fields, error });
      if (error.includes('never closed')) break;
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    records.push({ line: startLine, fields });
  }
  return records;
}
