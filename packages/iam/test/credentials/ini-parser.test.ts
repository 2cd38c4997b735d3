import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIni } from '../../src/credentials/ini-parser.js';

describe('parseIni', () => {
  it('reads sections, comments, nested blocks and continuations as the AWS CLI does', () => {
    const text = [
      '# a comment',
      '; another comment',
      '[default]',
      'region = us-east-1 ; trailing comment',
      'aws_access_key_id=AKIDDEFAULT',
      '',
      '[profile  dev ]',
      'region = eu-west-1',
      's3 =',
      '    max_concurrent_requests = 20',
      '  addressing_style = path',
      'output = json',
      '[services local]',
      'iam =',
      '  endpoint_url = http://127.0.0.1:5000',
    ].join('\r\n');

    assert.deepEqual(JSON.parse(JSON.stringify(parseIni(text))), {
      default: { region: 'us-east-1', aws_access_key_id: 'AKIDDEFAULT' },
      'profile dev': {
        region: 'eu-west-1',
        s3: { max_concurrent_requests: '20', addressing_style: 'path' },
        output: 'json',
      },
      'services local': { iam: { endpoint_url: 'http://127.0.0.1:5000' } },
    });
  });

  it('keeps # and ; inside values that do not follow white space', () => {
    const sections = parseIni('[a]\nsecret = ab#cd;ef\n');
    assert.equal(sections.a.secret, 'ab#cd;ef');
  });

  it('names the file and line of a bad line without quoting it', () => {
    assert.throws(
      () => parseIni('[a]\nthis line holds wJalrXUtnFEMI\n', '/tmp/x/credentials'),
      (error: Error & { code: string }) =>
        error.code === 'InvalidConfigFile' &&
        error.message.includes('/tmp/x/credentials line 2') &&
        !error.message.includes('wJalr'),
    );
    assert.throws(() => parseIni('key = value before any section\n'), {
      code: 'InvalidConfigFile',
    });
  });
});
