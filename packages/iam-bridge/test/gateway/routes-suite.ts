// The gateway's HTTP behaviour, defined once and run on each store (SQLite, PostgreSQL).
import { after, before, describe } from 'node:test';

import { startTestGateway, type TestGateway } from './support.js';
import { defineAccessTests } from './suite/access.js';
import { defineChangeTests } from './suite/changes.js';
import { defineDeleteTests } from './suite/deletes.js';
import { defineInputTests } from './suite/input.js';
import { definePresignTests } from './suite/presign.js';
import { defineUserTests } from './suite/users.js';

/** Registers the suite against a database setting made by `database()`. */
export function defineRouteSuite(name: string, database: () => Promise<string>): void {
  describe(`gateway routes on ${name}`, () => {
    let g: TestGateway | undefined;
    before(async () => {
      g = await startTestGateway({ database: await database() });
    });
    after(() => g?.stop());

    const suite = {
      name,
      gateway: () => g!,
      audit: async (query: string) => (await g!.call('GET', `/v1/audit?${query}`)).body.entries,
    };
    defineAccessTests(suite);
    defineUserTests(suite);
    defineDeleteTests(suite);
    definePresignTests(suite);
    defineChangeTests(suite);
    defineInputTests(suite);
  });
}
