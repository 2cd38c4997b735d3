// boto3, a second independent client, run once against the emulator: one python3 script
// performs the scenario and prints what it saw as JSON; the test compares that with AWS's
// documented results.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { temporaryDirectory } from './helpers.js';
import { runPython, toolUnavailable } from './http-support.js';

const skip = toolUnavailable('python3', ['-c', 'import boto3'], 'pip install boto3');

const script = String.raw`
import json, sys, urllib.request, urllib.error
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key_id, secret = sys.argv[1:4]
config = Config(retries={'max_attempts': 1, 'mode': 'standard'})
def session(key, sec):
    return boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=sec,
                                 region_name='us-east-1')
iam = session(key_id, secret).client('iam', endpoint_url=endpoint, config=config)
out = {}

def error(call, **kwargs):
    try:
        call(**kwargs)
        return None
    except ClientError as e:
        meta = e.response['ResponseMetadata']
        return {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
                'type': e.response['Error'].get('Type'), 'status': meta['HTTPStatusCode']}

created = iam.create_user(UserName='Dana', Path='/ops/', Tags=[{'Key': 'k', 'Value': 'v'}])
meta = created['ResponseMetadata']
out['create'] = {'arn': created['User']['Arn'], 'path': created['User']['Path'],
                 'status': meta['HTTPStatusCode'],
                 'requestIdMatches': meta['RequestId'] == meta['HTTPHeaders']['x-amzn-requestid']}
out['duplicate'] = error(iam.create_user, UserName='dana')
out['missing'] = error(iam.get_user, UserName='nobody')
out['invalid'] = error(iam.create_user, UserName='no/slash')
out['tooLong'] = error(iam.create_user, UserName='x' * 65)
out['malformed'] = error(iam.put_user_policy, UserName='Dana', PolicyName='p',
                         PolicyDocument='{"Version": "2012-10-17"}')
out['notImplemented'] = error(iam.list_roles)

key = iam.create_access_key(UserName='Dana')['AccessKey']
iam.create_access_key(UserName='Dana')
out['thirdKey'] = error(iam.create_access_key, UserName='Dana')
out['deleteConflict'] = error(iam.delete_user, UserName='Dana')
dana = session(key['AccessKeyId'], key['SecretAccessKey'])
out['identity'] = dana.client('sts', endpoint_url=endpoint, region_name='eu-central-1',
                              config=config).get_caller_identity()['Arn']
out['denied'] = error(dana.client('iam', endpoint_url=endpoint, config=config).list_users)

for index in range(7):
    iam.create_user(UserName='page%d' % index)
pages = iam.get_paginator('list_users').paginate(PaginationConfig={'PageSize': 3})
out['pageSizes'] = [len(page['Users']) for page in pages]
limited = iam.get_paginator('list_users').paginate(PaginationConfig={'MaxItems': 4,
                                                                     'PageSize': 3})
result = limited.build_full_result()
out['maxItems'] = {'names': [user['UserName'] for user in result['Users']],
                   'nextToken': bool(result.get('NextToken'))}
raw = iam.list_users(MaxItems=2)
out['rawPage'] = {'count': len(raw['Users']), 'truncated': raw['IsTruncated'],
                  'marker': bool(raw.get('Marker'))}

document = json.dumps({'Version': '2012-10-17',
                       'Statement': [{'Effect': 'Allow', 'Action': 's3:*', 'Resource': '*'}]})
iam.put_user_policy(UserName='page0', PolicyName='s3', PolicyDocument=document)
out['policyDocument'] = iam.get_user_policy(UserName='page0', PolicyName='s3')['PolicyDocument']

def fetch(url, method='GET'):
    data = b'' if method == 'POST' else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method)) as r:
            return {'status': r.status, 'body': r.read().decode()}
    except urllib.error.HTTPError as e:
        return {'status': e.code, 'body': e.read().decode()}

# botocore signs a Query presigned URL for the model's method (POST) unless told otherwise.
url = iam.generate_presigned_url('get_user', Params={'UserName': 'Dana'}, ExpiresIn=60,
                                 HttpMethod='GET')
posted = iam.generate_presigned_url('get_user', Params={'UserName': 'Dana'}, ExpiresIn=60)
arn = 'arn:aws:iam::123456789012:user/ops/Dana'
out['presigned'] = {name: {'status': answer['status'], 'hasArn': arn in answer['body']}
                    for name, answer in [('get', fetch(url)), ('post', fetch(posted, 'POST')),
                                         ('postUrlAsGet', fetch(posted))]}
out['tampered'] = fetch(url.replace('UserName=Dana', 'UserName=page1'))

print(json.dumps(out))
`;

describe('boto3 against the emulator', { skip }, () => {
  let emulator: RunningEmulator;
  let seen: any;
  const tmp = temporaryDirectory();
  before(async () => {
    emulator = await startEmulator({ memory: true });
    const { accessKeyId, secretAccessKey } = emulator.rootCredentials;
    seen = await runPython(tmp.dir, script, [emulator.url, accessKeyId, secretAccessKey]);
  });
  after(async () => {
    await emulator.stop();
    tmp.cleanup();
  });

  it('creates a user with AWS ARN, path and a request id matching its header', () => {
    assert.deepEqual(seen.create, {
      arn: 'arn:aws:iam::123456789012:user/ops/Dana',
      path: '/ops/',
      status: 200,
      requestIdMatches: true,
    });
  });

  it('answers the documented errors with their codes and statuses', () => {
    assert.deepEqual(seen.duplicate, {
      code: 'EntityAlreadyExists',
      message: 'User with name Dana already exists.',
      type: 'Sender',
      status: 409,
    });
    assert.deepEqual(seen.missing, {
      code: 'NoSuchEntity',
      message: 'The user with name nobody cannot be found.',
      type: 'Sender',
      status: 404,
    });
    assert.equal(seen.invalid.code, 'ValidationError');
    assert.equal(seen.invalid.status, 400);
    assert.match(
      seen.invalid.message,
      /^1 validation error detected: Value 'no\/slash' at 'userName'/,
    );
    assert.equal(seen.tooLong.code, 'ValidationError');
    assert.match(seen.tooLong.message, /Member must have length less than or equal to 64/);
    assert.equal(seen.malformed.code, 'MalformedPolicyDocument');
    assert.equal(seen.malformed.status, 400);
    assert.deepEqual(seen.notImplemented, {
      code: 'NotImplemented',
      message: 'ListRoles is not implemented by the iam-bridge emulator',
      type: 'Receiver',
      status: 501,
    });
    assert.deepEqual(seen.thirdKey, {
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      type: 'Sender',
      status: 409,
    });
    assert.equal(seen.deleteConflict.code, 'DeleteConflict');
    assert.equal(seen.deleteConflict.status, 409);
  });

  it("lets the user's own key sign (STS in a regional scope) and applies its policies", () => {
    assert.equal(seen.identity, 'arn:aws:iam::123456789012:user/ops/Dana');
    assert.equal(seen.denied.code, 'AccessDenied');
    assert.equal(seen.denied.status, 403);
  });

  it('pages with PageSize and MaxItems as the paginator expects', () => {
    // Dana and page0..page6: 8 users in pages of at most 3.
    assert.deepEqual(seen.pageSizes, [3, 3, 2]);
    assert.deepEqual(seen.maxItems, {
      names: ['Dana', 'page0', 'page1', 'page2'],
      nextToken: true,
    });
    assert.deepEqual(seen.rawPage, { count: 2, truncated: true, marker: true });
  });

  it('returns policy documents that botocore decodes back to the JSON sent', () => {
    assert.deepEqual(seen.policyDocument, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
    });
  });

  it("accepts botocore's presigned URLs for the method they were signed for, not others", () => {
    assert.deepEqual(seen.presigned, {
      get: { status: 200, hasArn: true },
      post: { status: 200, hasArn: true },
      postUrlAsGet: { status: 403, hasArn: false },
    });
    assert.equal(seen.tampered.status, 403);
    assert.match(seen.tampered.body, /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.match(seen.tampered.body, /The Canonical String for this request should have been/);
  });
});
