import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCsv } from '../../../src/lifecycle/bulk/csv.js';
import { parseBulkFile } from '../../../src/lifecycle/bulk/input-file.js';

describe('parseCsv', () => {
  test('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\nplain,,end';
    assert.deepEqual(parseCsv(text), [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 5, fields: ['plain', '', 'end'] },
    ]);
  });

  test('text after a closing quote is an error on its line only', () => {
    const records = parseCsv('a,b\n"x"y,z\nok,1\n');
    assert.equal(records[1].line, 2);
    assert.match(records[1].error ?? '', /after a closing quote/);
    assert.deepEqual(records[2], { line: 3, fields: ['ok', '1'] });
  });

  test('a quote never closed is reported with the line it opened on', () => {
    const records = parseCsv('a\n"open\nmore\n');
    assert.equal(records.at(-1)?.line, 2);
    assert.match(records.at(-1)?.error ?? '', /never closed/);
  });
});

describe('parseBulkFile', () => {
  const header = 'userName,path,groups,policies,tags,password,accessKey';

  test('turns CSV columns into user specs', () => {
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const text = `${header}\nana,/staff/,dev;ops,${arn},"team=ops;cost=1,2",generate,true\n`;
    assert.deepEqual(parseBulkFile(text, 'csv'), [
      {
        line: 2,
        spec: {
          userName: 'ana',
          path: '/staff/',
          groups: ['dev', 'ops'],
          managedPolicies: [arn],
          tags: [
            { Key: 'team', Value: 'ops' },
            { Key: 'cost', Value: '1,2' },
          ],
          loginProfile: {},
          accessKey: true,
        },
      },
    ]);
  });

  test('malformed rows carry their line and leave the others intact', () => {
    const text = [
      header,
      'ok1,,,,,,',
      'bad name!,,,,,,',
      'ok2,,,,notatag,,',
      'short,row',
      'OK1,,,,,,',
      'ok3,/p/,,,,,maybe',
      'ok4,,,,,,no',
    ].join('\n');
    const rows = parseBulkFile(text, 'csv');
    assert.deepEqual(
      rows.map((row) => [row.line, row.spec ? 'ok' : 'bad']),
      [
        [2, 'ok'],
        [3, 'bad'],
        [4, 'bad'],
        [5, 'bad'],
        [6, 'bad'],
        [7, 'bad'],
        [8, 'ok'],
      ],
    );
    assert.match(rows[4].error ?? '', /already on line 2/);
  });

  test('a JSON row with a string where a list belongs is a bad row naming the field', () => {
    const rows = parseBulkFile(
      '[{"userName":"j0"},{"userName":"j1","groups":"staff"},{"userName":"j2"}]',
      'json',
    );
    assert.deepEqual(
      rows.map((row) => [row.line, row.spec ? 'ok' : 'bad']),
      [
        [1, 'ok'],
        [2, 'bad'],
        [3, 'ok'],
      ],
    );
    assert.match(rows[1].error ?? '', /groups must be a list of strings, not the string "staff"/);
    const lines = parseBulkFile('{"userName":"k1","tags":"team=ops","accessKey":"yes"}\n', 'jsonl');
    assert.match(lines[0].error ?? '', /tags must be .*; accessKey must be a boolean/);
  });

  test('CSV column names are read in any case', () => {
    const rows = parseBulkFile('UserName,PATH,Groups\nana,/staff/,admins\n', 'csv');
    assert.equal(rows[0].spec?.userName, 'ana');
    assert.equal(rows[0].spec?.path, '/staff/');
    assert.deepEqual(rows[0].spec?.groups, ['admins']);
  });

  test('unknown columns fail the whole file', () => {
    assert.throws(() => parseBulkFile('userName,colour\nana,red\n', 'csv'), {
      code: 'InvalidUserSpec',
    });
  });

  test('JSON arrays and JSON Lines give one row per user', () => {
    const rows = parseBulkFile('[{"userName":"a"},{"userName":"b","accessKey":true}, 3]', 'json');
    assert.deepEqual(
      rows.map((row) => row.line),
      [1, 2, 3],
    );
    assert.equal(rows[2].error, 'not a JSON object');
    const lines = parseBulkFile('{"userName":"a"}\n\n{oops\n{"userName":"c"}\n', 'jsonl');
    assert.deepEqual(
      lines.map((row) => [row.line, row.spec?.userName]),
      [
        [1, 'a'],
        [3, undefined],
        [4, 'c'],
      ],
    );
  });
});
