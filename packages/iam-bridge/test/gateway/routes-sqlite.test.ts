import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

import { defineRouteSuite } from './routes-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-gateway-'));
after(() => rmSync(dir, { recursive: true, force: true }));

defineRouteSuite('SQLite', async () => join(dir, 'gateway.sqlite'));
