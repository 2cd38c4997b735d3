// Many clients at once against one emulator backed by a file: no 5xx, no lost or doubled
// user, a consistent database afterwards. Runs 30 s; IAM_BRIDGE_SOAK_SECONDS sets another
// duration (e.g. 5 while working on the emulator).
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import Database from 'better-sqlite3';

import { startEmulator } from '../../src/emulator/index.js';
import { temporaryDirectory } from './helpers.js';
import { call } from './http-support.js';

const CLIENTS = 50;
const seconds = Number(process.env.IAM_BRIDGE_SOAK_SECONDS ?? 30);
const tmp = temporaryDirectory();
after(() => tmp.cleanup());

describe(`${CLIENTS} concurrent clients for ${seconds} s`, () => {
  it('creates and deletes users without a 5xx, a lost or a doubled user', async (t) => {
    const dataFile = join(tmp.dir, 'soak.db');
    const emulator = await startEmulator({ dataFile });
    const expected = new Set<string>();
    const unexpected: string[] = [];
    let requests = 0;

    const check = (what: string, answer: { status: number; code?: string }, wanted: number) => {
      requests++;
      if (answer.status !== wanted) unexpected.push(`${what}: ${answer.status} ${answer.code}`);
    };

    // Every client races for one name, spelled differently: exactly one may win.
    const race = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        call(emulator.url, 'CreateUser', { UserName: client % 2 ? 'Shared' : 'sHARED' }),
      ),
    );
    assert.equal(race.filter((answer) => answer.status === 200).length, 1);
    assert.ok(race.every((a) => a.status === 200 || a.code === 'EntityAlreadyExists'));
    const winner = race.find((answer) => answer.status === 200)!;
    expected.add(/<UserName>([^<]+)</.exec(winner.body)![1]!);

    const deadline = Date.now() + seconds * 1000;
    const client = async (id: number) => {
      for (let round = 0; Date.now() < deadline; round++) {
        const userName = `c${id}-u${round}`;
        check(
          `create ${userName}`,
          await call(emulator.url, 'CreateUser', { UserName: userName }),
          200,
        );
        expected.add(userName);
        if (round % 3 === 2) continue;
        check(`get ${userName}`, await call(emulator.url, 'GetUser', { UserName: userName }), 200);
        check(
          `delete ${userName}`,
          await call(emulator.url, 'DeleteUser', { UserName: userName }),
          200,
        );
        expected.delete(userName);
        const again = await call(emulator.url, 'DeleteUser', { UserName: userName });
        check(`delete again ${userName}`, again, 404);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));

    const listed: string[] = [];
    let marker: string | undefined;
    do {
      const page = await call(emulator.url, 'ListUsers', {
        MaxItems: '1000',
        ...(marker ? { Marker: marker } : {}),
      });
      listed.push(...[...page.body.matchAll(/<UserName>([^<]+)</g)].map((match) => match[1]!));
      marker = /<Marker>([^<]+)</.exec(page.body)?.[1];
    } while (marker);
    await emulator.stop();

    t.diagnostic(`${requests} requests, ${expected.size} users left`);
    assert.deepEqual(unexpected, []);
    assert.ok(requests > CLIENTS * 4, `only ${requests} requests`);
    assert.equal(new Set(listed).size, listed.length, 'no user listed twice');
    assert.deepEqual([...listed].sort(), [...expected].sort());

    const db = new Database(dataFile, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(db.pragma('foreign_key_check'), []);
      const { count } = db.prepare('SELECT count(*) AS count FROM users').get() as {
        count: number;
      };
      assert.equal(count, expected.size);
    } finally {
      db.close();
    }
  });
});
