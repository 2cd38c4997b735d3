// Rate limits, IAM throttling, readiness, graceful shutdown and settings precedence.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { resolveConfig } from '../../src/gateway/config.js';
import { startTestGateway } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'iam-bridge-gateway-ops-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('gateway operations', () => {
  test('each caller has a token bucket: beyond it, 429 with Retry-After', async () => {
    const g = await startTestGateway({ callerRate: { perSecond: 0.5, burst: 3 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index += 1) {
        statuses.push((await g.call('GET', '/v1/users/nobody', { key: g.keys.read })).status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 429]);
      const limited = await g.call('GET', '/v1/users/nobody', { key: g.keys.read });
      assert.equal(limited.body.error.code, 'TooManyRequests');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      const other = await g.call('GET', '/v1/users/nobody', { key: g.keys.write });
      assert.equal(other.status, 404, 'another key has its own bucket');
    } finally {
      await g.stop();
    }
  });

  test('IAM Throttling that outlasts the retries is a 429; retries are counted', async () => {
    const g = await startTestGateway({ iamMaxAttempts: 2 });
    try {
      g.gateway.context.target.emulator!.store.switches.throttlingRate = 1;
      const answer = await g.call('GET', '/v1/users/someone', { key: g.keys.read });
      assert.equal(answer.status, 429, answer.text);
      assert.equal(answer.body.error.code, 'Throttling');
      const metrics = await g.call('GET', '/metrics', { key: g.keys.read });
      assert.match(
        metrics.text,
        /iam_bridge_iam_retries_total\{action="GetUser",code="Throttling"\} 1/,
      );
      assert.match(
        metrics.text,
        /iam_bridge_iam_calls_total\{action="GetUser",outcome="Throttling"\} 1/,
      );
    } finally {
      await g.stop();
    }
  });

  test("IAM refusing the gateway's own identity (AccessDenied) is a 403", async () => {
    const { startEmulator, emulatorActions, rootContext } =
      await import('../../src/emulator/index.js');
    const emulator = await startEmulator({ memory: true });
    const root = rootContext(emulator.store);
    emulatorActions.CreateUser(emulator.store, { UserName: 'powerless' }, root);
    const { AccessKey } = emulatorActions.CreateAccessKey(
      emulator.store,
      { UserName: 'powerless' },
      root,
    );
    const g = await startTestGateway({
      target: emulator.url,
      targetCredentials: {
        accessKeyId: AccessKey.AccessKeyId,
        secretAccessKey: AccessKey.SecretAccessKey,
      },
    });
    try {
      const answer = await g.call('GET', '/v1/users/powerless', { key: g.keys.read });
      assert.equal(answer.status, 403, answer.text);
      assert.equal(answer.body.error.code, 'AccessDenied');
      assert.ok(answer.body.error.iamRequestId);
      const ready = await g.call('GET', '/readyz', { key: null });
      assert.equal(ready.body.target.embeddedEmulator, false);
    } finally {
      await g.stop();
      await emulator.stop();
    }
  });

  test('a target that does not answer is named in the log at startup', async () => {
    const g = await startTestGateway({
      target: 'http://127.0.0.1:9/',
      targetCredentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-used-here' },
      iamMaxAttempts: 1,
    });
    try {
      const deadline = Date.now() + 15_000;
      const said = () =>
        g.logLines.find((line) => line.includes('GetCallerIdentity toward the IAM target failed'));
      while (!said() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(said(), g.logLines.join(''));
      assert.doesNotMatch(said()!, /not-used-here/);
    } finally {
      await g.stop();
    }
  });

  test('a target that answers 200 with a page, or never, is a 502 and a quick 503', async () => {
    const listen = (server: Server) =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
        }),
      );
    const page = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>');
    });
    const hang = createServer(() => {});
    const [pageUrl, hangUrl] = [await listen(page), await listen(hang)];
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'unused-here' };
    const wrong = await startTestGateway({ target: pageUrl, targetCredentials: credentials });
    const slow = await startTestGateway({ target: hangUrl, targetCredentials: credentials });
    try {
      const answer = await wrong.call('GET', '/v1/users/bob');
      assert.equal(answer.status, 502, answer.text);
      assert.equal(answer.body.error.code, 'MalformedResponse');
      assert.match(answer.body.error.message, /not <GetUserResponse>/);
      const deadline = Date.now() + 10_000;
      const said = () => wrong.logLines.some((line) => line.includes('IAM target failed'));
      while (!said() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(said(), 'the startup check names the wrong target');
      const started = Date.now();
      const ready = await slow.call('GET', '/readyz', { key: null });
      assert.equal(ready.status, 503);
      assert.ok(Date.now() - started < 4_000, `readyz took ${Date.now() - started} ms`);
    } finally {
      await Promise.all([wrong.stop(), slow.stop()]);
      hang.closeAllConnections();
      await Promise.all([new Promise((r) => page.close(r)), new Promise((r) => hang.close(r))]);
    }
  });

  test('readyz is 503 when the IAM target does not answer', async () => {
    const g = await startTestGateway();
    try {
      await g.gateway.context.target.emulator!.stop();
      const ready = await g.call('GET', '/readyz', { key: null });
      assert.equal(ready.status, 503);
      assert.equal(ready.body.checks.target.ok, false);
      assert.equal(ready.body.checks.store.ok, true);
      // The reason is logged, not told to whoever asked without a key.
      assert.doesNotMatch(ready.text, /127\.0\.0\.1|ECONNREFUSED|fetch failed|arn:/, ready.text);
      assert.ok(g.logLines.some((line) => line.includes('readiness check failed')));
      assert.equal((await g.call('GET', '/healthz', { key: null })).status, 200);
      const failed = await g.call('GET', '/v1/users/x', { key: g.keys.read });
      assert.equal(failed.status, 502, failed.text);
    } finally {
      await g.stop().catch(() => {});
    }
  });

  test('stop() lets a request in flight finish, then refuses new connections', async () => {
    const g = await startTestGateway();
    await g.call('POST', '/v1/users', { body: { userName: 'slow', accessKey: true } });
    g.gateway.context.target.emulator!.store.switches.newAccessKeyDelayMs = 700;
    const inFlight = g.call('POST', '/v1/users/slow/access-keys/rotate', {
      key: g.keys.write,
      body: { waitUntilUsable: true },
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stopping = Date.now();
    const stopped = g.stop();
    const answer = await inFlight;
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.usable, true);
    await stopped;
    assert.ok(Date.now() - stopping < 5_000, 'kept-alive connections do not hold the stop');
    assert.ok(!g.logLines.some((line) => line.includes('shutdown deadline')));
    await assert.rejects(fetch(`${g.url}/healthz`));
  });

  test('a gateway with no API keys says how to make one and refuses every /v1 call', async () => {
    const { startGateway } = await import('../../src/gateway/index.js');
    const lines: string[] = [];
    const pino = (await import('pino')).default;
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const gateway = await startGateway(
      { port: 0, database: ':memory:', emulatorData: 'memory' },
      { logger, env: {} },
    );
    try {
      assert.ok(lines.some((line) => line.includes('keys create')));
      assert.ok(lines.some((line) => line.includes('embedded IAM emulator')));
      const answer = await fetch(`${gateway.url}/v1/users`);
      assert.equal(answer.status, 401);
    } finally {
      await gateway.stop();
    }
  });

  test('the logger censors credentials wherever they appear in a logged object', async () => {
    const { createLogger } = await import('../../src/gateway/logging.js');
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer iamb_secret', 'x-api-key': 'iamb_other' } },
        password: 'hunter2-password',
        accessKey: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI-secret' },
        credentials: { sessionToken: 'token-value' },
      },
      'something',
    );
    const line = lines.join('');
    for (const secret of ['iamb_secret', 'iamb_other', 'hunter2', 'wJalrXUtnFEMI', 'token-value']) {
      assert.ok(!line.includes(secret), secret);
    }
    assert.ok(line.includes('AKIAEXAMPLE'), 'key ids are not secrets');
  });

  test('settings: flags win over environment, environment over the config file', () => {
    const file = join(dir, 'gateway.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 7001, database: 'from-file.sqlite', host: '0.0.0.0' }),
    );
    const env = { IAM_BRIDGE_PORT: '7002', IAM_BRIDGE_DATABASE: 'from-env.sqlite' };
    const config = resolveConfig({ port: 7003 }, env, file);
    assert.equal(config.port, 7003);
    assert.equal(config.database, 'from-env.sqlite');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(resolveConfig({}, {}, undefined).database, 'iam-bridge-gateway.sqlite');
    assert.equal(resolveConfig({}, { IAM_BRIDGE_TARGET: 'aws' }).target, 'aws');

    writeFileSync(file, JSON.stringify({ colour: 'red' }));
    assert.throws(() => resolveConfig({}, {}, file), /unknown settings: colour/);
    assert.throws(() => resolveConfig({ port: 70000 }), /port/);
    assert.throws(() => resolveConfig({ target: 'ftp://x' }), /target/);
    assert.throws(() => resolveConfig({}, { IAM_BRIDGE_PORT: 'eighty' }), /port/);
  });
});
