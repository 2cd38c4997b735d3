// Service inference against botocore's service models: for every AWS service, its regional
// host (<endpointPrefix>.<region>.amazonaws.com) must sign with the name botocore signs with.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { inferScope } from '../src/index.js';
import { botocoreMissing } from './oracles/botocore.js';

const missing = botocoreMissing();
const skip = missing !== undefined && process.env.CI !== 'true' ? missing : false;

// Each service's endpoint prefix and signing name, from botocore's models.
const LIST_SERVICES = `
import json, botocore.session
s = botocore.session.get_session()
out = []
for name in s.get_available_services():
    m = s.get_service_model(name).metadata
    prefix = m.get('endpointPrefix')
    out.append([name, prefix, m.get('signingName') or prefix])
print(json.dumps(out))
`;

test('every service host signs with the name botocore gives it', { skip }, () => {
  if (missing) throw new Error(`botocore is required when CI=true: ${missing}`);
  const run = spawnSync('python3', ['-c', LIST_SERVICES], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const services = JSON.parse(run.stdout) as Array<[string, string, string]>;
  assert.ok(services.length > 300, `${services.length} services`);
  const wrong: string[] = [];
  for (const [name, prefix, signingName] of services) {
    // Global-only endpoints (iam, route53, cloudfront...) are checked by host elsewhere.
    const host = `${prefix}.us-west-2.amazonaws.com`;
    const inferred = inferScope(host);
    if (inferred.service !== signingName || inferred.region !== 'us-west-2') {
      wrong.push(`${name}: ${host} -> ${JSON.stringify(inferred)}, botocore ${signingName}`);
    }
  }
  assert.deepEqual(wrong, []);
});
