import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { emulatorActions as a } from '../../src/emulator/index.js';
import { assertEmulatorError, certificate, setup, sshRsaPublicKey } from './helpers.js';

describe('names are unique without regard to case', () => {
  const kinds = [
    { action: 'CreateUser', member: 'UserName', message: 'User with name Alice already exists.' },
    {
      action: 'CreateGroup',
      member: 'GroupName',
      message: 'Group with name Alice already exists.',
    },
  ];
  for (const kind of kinds) {
    it(`${kind.action} refuses a name differing only in case`, () => {
      const { store, root } = setup();
      a[kind.action](store, { [kind.member]: 'Alice' }, root);
      assertEmulatorError(
        () => a[kind.action](store, { [kind.member]: 'alice' }, root),
        'EntityAlreadyExists',
        kind.message,
        409,
      );
    });
  }

  it('CreatePolicy refuses a local name differing only in case', () => {
    const { store, root } = setup();
    const document = '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}';
    a.CreatePolicy(store, { PolicyName: 'Deploy', PolicyDocument: document }, root);
    assertEmulatorError(
      () => a.CreatePolicy(store, { PolicyName: 'DEPLOY', PolicyDocument: document }, root),
      'EntityAlreadyExists',
    );
  });

  it('looks users and groups up without regard to case and keeps the stored case', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'Alice', Path: '/dev/' }, root);
    const { User } = a.GetUser(store, { UserName: 'ALICE' }, root);
    assert.equal(User.UserName, 'Alice');
    assert.equal(User.Arn, 'arn:aws:iam::123456789012:user/dev/Alice');
    assert.match(User.UserId, /^AIDA[A-Z0-9]{17}$/);
    assert.deepEqual(User.CreateDate, new Date('2024-05-01T12:00:00Z'));

    a.CreateGroup(store, { GroupName: 'Admins' }, root);
    a.AddUserToGroup(store, { GroupName: 'admins', UserName: 'alice' }, root);
    assert.deepEqual(
      a.GetGroup(store, { GroupName: 'ADMINS' }, root).Users.map((u: any) => u.UserName),
      ['Alice'],
    );
  });

  it('renames with UpdateUser and refuses a taken name', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    a.CreateUser(store, { UserName: 'bob' }, root);
    assertEmulatorError(
      () => a.UpdateUser(store, { UserName: 'alice', NewUserName: 'BOB' }, root),
      'EntityAlreadyExists',
    );
    a.UpdateUser(store, { UserName: 'alice', NewUserName: 'Alice2', NewPath: '/x/' }, root);
    assert.equal(a.GetUser(store, { UserName: 'alice2' }, root).User.Path, '/x/');
  });
});

describe('quotas answer LimitExceeded', () => {
  it('a third access key', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    const first = a.CreateAccessKey(store, { UserName: 'alice' }, root).AccessKey;
    assert.match(first.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(first.SecretAccessKey.length, 40);
    a.CreateAccessKey(store, { UserName: 'alice' }, root);
    assertEmulatorError(
      () => a.CreateAccessKey(store, { UserName: 'alice' }, root),
      'LimitExceeded',
      'Cannot exceed quota for AccessKeysPerUser: 2',
      409,
    );
  });

  it('an eleventh managed policy on a user', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    const document = '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}';
    for (let index = 0; index < 11; index++) {
      const { Policy } = a.CreatePolicy(
        store,
        { PolicyName: `p${index}`, PolicyDocument: document },
        root,
      );
      const attach = () =>
        a.AttachUserPolicy(store, { UserName: 'alice', PolicyArn: Policy.Arn }, root);
      if (index < 10) attach();
      else
        assertEmulatorError(attach, 'LimitExceeded', 'Cannot exceed quota for PoliciesPerUser: 10');
    }
  });

  it('a sixth policy version', () => {
    const { store, root } = setup();
    const document = '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}';
    const { Policy } = a.CreatePolicy(store, { PolicyName: 'p', PolicyDocument: document }, root);
    for (let index = 2; index <= 5; index++) {
      const { PolicyVersion } = a.CreatePolicyVersion(
        store,
        { PolicyArn: Policy.Arn, PolicyDocument: document },
        root,
      );
      assert.equal(PolicyVersion.VersionId, `v${index}`);
    }
    assertEmulatorError(
      () => a.CreatePolicyVersion(store, { PolicyArn: Policy.Arn, PolicyDocument: document }, root),
      'LimitExceeded',
    );
  });

  it('a third signing certificate, a sixth SSH key, a third credential for one service', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    a.UploadSigningCertificate(store, { UserName: 'alice', CertificateBody: certificate(1) }, root);
    assertEmulatorError(
      () =>
        a.UploadSigningCertificate(
          store,
          { UserName: 'alice', CertificateBody: certificate(1) },
          root,
        ),
      'DuplicateCertificate',
    );
    a.UploadSigningCertificate(store, { UserName: 'alice', CertificateBody: certificate(2) }, root);
    assertEmulatorError(
      () =>
        a.UploadSigningCertificate(
          store,
          { UserName: 'alice', CertificateBody: certificate(3) },
          root,
        ),
      'LimitExceeded',
      'Cannot exceed quota for SigningCertificatesPerUser: 2',
    );

    for (let index = 0; index < 5; index++) {
      a.UploadSSHPublicKey(store, { UserName: 'alice', SSHPublicKeyBody: sshRsaPublicKey() }, root);
    }
    assertEmulatorError(
      () =>
        a.UploadSSHPublicKey(
          store,
          { UserName: 'alice', SSHPublicKeyBody: sshRsaPublicKey() },
          root,
        ),
      'LimitExceeded',
      'Cannot exceed quota for PublicKeysPerUser: 5',
    );

    const service = { UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' };
    a.CreateServiceSpecificCredential(store, service, root);
    a.CreateServiceSpecificCredential(store, service, root);
    assertEmulatorError(
      () => a.CreateServiceSpecificCredential(store, service, root),
      'LimitExceeded',
    );
  });
});

describe('NoSuchEntity wording', () => {
  const cases = [
    {
      action: 'GetUser',
      input: { UserName: 'ghost' },
      message: 'The user with name ghost cannot be found.',
    },
    {
      action: 'GetGroup',
      input: { GroupName: 'ghost' },
      message: 'The group with name ghost cannot be found.',
    },
    {
      action: 'GetPolicy',
      input: { PolicyArn: 'arn:aws:iam::123456789012:policy/ghost' },
      message: 'Policy arn:aws:iam::123456789012:policy/ghost was not found.',
    },
    {
      action: 'GetAccountPasswordPolicy',
      input: {},
      message: 'The Password Policy with domain name 123456789012 cannot be found.',
    },
  ];
  for (const testCase of cases) {
    it(testCase.action, () => {
      const { store, root } = setup();
      assertEmulatorError(
        () => a[testCase.action](store, testCase.input, root),
        'NoSuchEntity',
        testCase.message,
        404,
      );
    });
  }

  it('login profile and access key of an existing user', () => {
    const { store, root } = setup();
    a.CreateUser(store, { UserName: 'alice' }, root);
    assertEmulatorError(
      () => a.GetLoginProfile(store, { UserName: 'alice' }, root),
      'NoSuchEntity',
      'Login Profile for User alice cannot be found.',
    );
    assertEmulatorError(
      () =>
        a.DeleteAccessKey(store, { UserName: 'alice', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' }, root),
      'NoSuchEntity',
      'The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.',
    );
  });
});

describe('policy documents', () => {
  const malformed = [
    { document: 'not json', message: 'This policy contains invalid Json' },
    { document: '{"Version":"2012-10-17"}', message: 'Syntax errors in policy.' },
    {
      document: '{"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}',
      message: 'Syntax errors in policy.',
    },
    {
      document: '{"Statement":{"Effect":"Allow","Resource":"*"}}',
      message: 'Policy statement must contain actions.',
    },
    {
      document: '{"Statement":{"Effect":"Allow","Action":"*"}}',
      message: 'Policy statement must contain resources.',
    },
    {
      document:
        '{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
      message: 'The policy failed legacy parsing',
    },
    { document: '{"Statement":[]}', message: 'Syntax errors in policy.' },
    { document: '{"Version":"2012-10-17","Statement":[]}', message: 'Syntax errors in policy.' },
  ];
  for (const testCase of malformed) {
    it(`refuses ${testCase.document}`, () => {
      const { store, root } = setup();
      a.CreateUser(store, { UserName: 'alice' }, root);
      assertEmulatorError(
        () =>
          a.PutUserPolicy(
            store,
            { UserName: 'alice', PolicyName: 'p', PolicyDocument: testCase.document },
            root,
          ),
        'MalformedPolicyDocument',
        testCase.message,
        400,
      );
    });
  }

  it('CreatePolicy refuses a policy without statements', () => {
    const { store, root } = setup();
    assertEmulatorError(
      () =>
        a.CreatePolicy(store, { PolicyName: 'empty', PolicyDocument: '{"Statement":[]}' }, root),
      'MalformedPolicyDocument',
      'Syntax errors in policy.',
      400,
    );
    assert.equal(a.ListPolicies(store, { Scope: 'Local' }, root).Policies.length, 0);
  });

  it('carries the AWS managed policies from the start', () => {
    const { store, root } = setup();
    const { Policies } = a.ListPolicies(store, { Scope: 'AWS' }, root);
    const names = Policies.map((policy: any) => policy.PolicyName);
    for (const name of [
      'AdministratorAccess',
      'ReadOnlyAccess',
      'IAMFullAccess',
      'IAMReadOnlyAccess',
      'IAMUserChangePassword',
      'PowerUserAccess',
    ]) {
      assert.ok(names.includes(name), name);
    }
    const version = a.GetPolicyVersion(
      store,
      { PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' },
      root,
    );
    assert.deepEqual(JSON.parse(version.PolicyVersion.Document).Statement, [
      { Effect: 'Allow', Action: '*', Resource: '*' },
    ]);
    assert.equal(a.ListPolicies(store, { Scope: 'Local' }, root).Policies.length, 0);
  });
});
