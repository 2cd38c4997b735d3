import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

/**
 * An AWS managed policy the emulator carries: name, path, description and document.
 *
 * @example
 * awsManagedPolicies.find((policy) => policy.name === 'AdministratorAccess');
 */
export interface AwsManagedPolicy {
  name: string;
  path: string;
  description: string;
  document: object;
}

/**
 * The AWS managed policies present in every emulator account, at
 * `arn:aws:iam::aws:policy/<Name>`. The documents are AWS's, except `ReadOnlyAccess`,
 * whose thousands of service entries are cut down to the IAM, STS and a few common read
 * actions (see the README's Limitations).
 *
 * @example
 * awsManagedPolicies.map((policy) => policy.name);
 */
export const awsManagedPolicies: readonly AwsManagedPolicy[] = [
  {
    name: 'AdministratorAccess',
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    },
  },
  {
    name: 'PowerUserAccess',
    path: '/',
    description:
      'Provides full access to AWS services and resources, but does not allow management ' +
      'of Users and groups.',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: [
            'account:GetAccountInformation',
            'account:GetPrimaryEmail',
            'account:ListRegions',
            'iam:CreateServiceLinkedRole',
            'iam:DeleteServiceLinkedRole',
            'iam:ListRoles',
            'organizations:DescribeOrganization',
          ],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'ReadOnlyAccess',
    path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'ec2:Describe*',
            'iam:Generate*',
            'iam:Get*',
            'iam:List*',
            'iam:Simulate*',
            's3:Get*',
            's3:List*',
            'sts:GetCallerIdentity',
            'sts:GetSessionToken',
          ],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'IAMFullAccess',
    path: '/',
    description: 'Provides full access to IAM via the AWS Management Console.',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:*',
            'organizations:DescribeAccount',
            'organizations:DescribeOrganization',
            'organizations:DescribeOrganizationalUnit',
            'organizations:DescribePolicy',
            'organizations:ListChildren',
            'organizations:ListParents',
            'organizations:ListPoliciesForTarget',
            'organizations:ListRoots',
            'organizations:ListPolicies',
            'organizations:ListTargetsForPolicy',
          ],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'IAMReadOnlyAccess',
    path: '/',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:GenerateCredentialReport',
            'iam:GenerateServiceLastAccessedDetails',
            'iam:Get*',
            'iam:List*',
            'iam:SimulateCustomPolicy',
            'iam:SimulatePrincipalPolicy',
          ],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'IAMUserChangePassword',
    path: '/',
    description: 'Provides the ability for an IAM user to change their own password.',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:ChangePassword'],
          Resource: ['arn:aws:iam::*:user/${aws:username}'],
        },
        { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
      ],
    },
  },
];

/**
 * A stable policy id for an AWS managed policy, so it is the same in every store.
 *
 * @example
 * awsManagedPolicyId('AdministratorAccess').startsWith('ANPA'); // true
 */
export function awsManagedPolicyId(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(`aws-managed-policy:${name}`).digest();
  let id = 'ANPA';
  for (let index = 0; index < 17; index++) id += alphabet[digest[index] % alphabet.length];
  return id;
}

/**
 * Inserts the AWS managed policies a store lacks (version `v1`, default), leaving those
 * already present untouched.
 *
 * @example
 * seedAwsManagedPolicies(db, new Date());
 */
export function seedAwsManagedPolicies(db: Database.Database, createDate: Date): void {
  const insertPolicy = db.prepare(
    `INSERT INTO policies (id, name, name_key, scope, path, arn, description,
       default_version_id, next_version, create_date, update_date)
     VALUES (?, ?, ?, 'aws', ?, ?, ?, 'v1', 2, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO policy_versions (policy_id, version_id, version_number, document, create_date)
     VALUES (?, 'v1', 1, ?, ?) ON CONFLICT DO NOTHING`,
  );

  const time = createDate.getTime();
  for (const policy of awsManagedPolicies) {
    const id = awsManagedPolicyId(policy.name);
    const arn = `arn:aws:iam::aws:policy${policy.path}${policy.name}`;
    insertPolicy.run(
      id,
      policy.name,
      policy.name.toLowerCase(),
      policy.path,
      arn,
      policy.description,
      time,
      time,
    );
    insertVersion.run(id, JSON.stringify(policy.document), time);
  }
}
