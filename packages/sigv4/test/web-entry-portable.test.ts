// The '@iam-bridge/sigv4/web' entry runs where Node's globals are missing (browsers, workers):
// sign, presign and verify repeatedly (repeats go through the request-shape templates) in a
// child process that deleted Buffer and process-only globals before loading the entry.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

const script = `
delete globalThis.Buffer;
const m = await import('@iam-bridge/sigv4/web');
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const keys = new Map([[credentials.accessKeyId, credentials]]);
const url = 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08';
const date = '20200718T211159Z';
const verify = { lookupCredentials: (id) => keys.get(id), service: 'iam', region: 'us-east-1',
  now: new Date('2020-07-18T21:12:00Z') };
const out = [];
for (let i = 0; i < 4; i++) {
  const body = 'Action=ListUsers&i=' + i;
  const s = await m.signRequestAsync({ url, method: 'POST', body }, { credentials, date });
  const p = await m.presignUrlAsync({ url }, { credentials, date, expiresIn: 30 });
  const v = await m.verifyRequestAsync({ method: 'POST', url: s.url, headers: s.headers, body }, verify);
  const bad = await m.verifyRequestAsync({ method: 'POST', url: s.url, headers: s.headers, body: body + 'x' }, verify);
  const vp = await m.verifyRequestAsync({ method: 'GET', url: p.url, headers: { host: 'iam.amazonaws.com' } }, verify);
  out.push([v.ok, bad.ok, vp.ok]);
}
console.log(JSON.stringify(out));
`;

describe('the web entry', () => {
  it('signs, presigns and verifies again and again without Buffer', () => {
    const output = execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    assert.deepEqual(JSON.parse(output), Array(4).fill([true, false, true]));
  });
});
