// Runs botocore's own Query serializer in a python3 child process, so our serializer can be
// compared with the reference implementation on the same inputs.
import { spawnSync } from 'node:child_process';

/** One input for botocore: a bundled service, or a service model given inline. */
export interface BotocoreCase {
  service?: 'iam' | 'sts';
  serviceModel?: object;
  operation: string;
  params: object;
}

/** What botocore produced for one case: the body params and botocore's encoded body. */
export interface BotocoreResult {
  pairs: Array<[string, string]>;
  body: string;
}

const script = String.raw`
import json, sys
import botocore.session, botocore.serialize, botocore.model, botocore.utils

def convert(value):
    # JSON has no bytes; the tests mark blobs as {"$bytes": [..]}.
    if isinstance(value, dict):
        if set(value) == {'$bytes'}:
            return bytes(value['$bytes'])
        return {k: convert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [convert(v) for v in value]
    return value

session = botocore.session.get_session()
clients = {}
out = []
for case in json.load(sys.stdin):
    if case.get('serviceModel'):
        service_model = botocore.model.ServiceModel(case['serviceModel'])
    else:
        name = case['service']
        if name not in clients:
            clients[name] = session.create_client(
                name, region_name='us-east-1',
                aws_access_key_id='x', aws_secret_access_key='y')
        service_model = clients[name].meta.service_model
    operation = service_model.operation_model(case['operation'])
    serializer = botocore.serialize.create_serializer('query')
    request = serializer.serialize_to_request(convert(case['params']), operation)
    body = request['body']
    pairs = [[k, v if isinstance(v, str) else str(v)] for k, v in body.items()]
    out.append({'pairs': pairs, 'body': botocore.utils.percent_encode_sequence(body)})
print(json.dumps(out))
`;

/**
 * Why botocore cannot be used here, or undefined when it can.
 *
 * @example
 * const missing = botocoreUnavailable(); // 'python3 not found' | undefined
 */
export function botocoreUnavailable(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
  if (probe.error) return `python3 not found (${probe.error.message})`;
  if (probe.status !== 0) return `botocore is not importable: ${probe.stderr.trim()}`;
  return undefined;
}

/**
 * Serializes every case with botocore in one python3 process.
 *
 * @example
 * const [result] = serializeWithBotocore([{ service: 'iam', operation: 'GetUser', params: {} }]);
 */
export function serializeWithBotocore(cases: BotocoreCase[]): BotocoreResult[] {
  const run = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`botocore serializer failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as BotocoreResult[];
}
