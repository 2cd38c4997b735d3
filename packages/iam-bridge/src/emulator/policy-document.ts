import { malformedPolicyDocument } from './errors.js';

/**
 * One statement of an identity policy, with every list member normalised to an array.
 *
 * @example
 * const statement: PolicyStatement = { Effect: 'Allow', Action: ['iam:Get*'], Resource: ['*'] };
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: unknown;
}

/**
 * A parsed identity policy document.
 *
 * @example
 * parsePolicyDocument('{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}').Version;
 * // '2008-10-17'
 */
export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

const policyVersions = ['2008-10-17', '2012-10-17'];
const vendorAction = /^(\*|[A-Za-z0-9-]+:[^\s]*)$/;

function syntaxError(): Error {
  return malformedPolicyDocument('Syntax errors in policy.');
}

function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((item) => typeof item !== 'string')) throw syntaxError();
  return list as string[];
}

function parseStatement(raw: unknown): PolicyStatement {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw syntaxError();
  const entry = raw as Record<string, unknown>;

  if ('Principal' in entry || 'NotPrincipal' in entry) {
    throw malformedPolicyDocument('Policy document should not specify a principal.');
  }
  if (entry.Effect !== 'Allow' && entry.Effect !== 'Deny') throw syntaxError();
  if (entry.Action === undefined && entry.NotAction === undefined) {
    throw malformedPolicyDocument('Policy statement must contain actions.');
  }
  if (entry.Resource === undefined && entry.NotResource === undefined) {
    throw malformedPolicyDocument('Policy statement must contain resources.');
  }
  if (entry.Action !== undefined && entry.NotAction !== undefined) throw syntaxError();
  if (entry.Resource !== undefined && entry.NotResource !== undefined) throw syntaxError();

  const statement: PolicyStatement = { Effect: entry.Effect };
  if (typeof entry.Sid === 'string') statement.Sid = entry.Sid;
  if (entry.Action !== undefined) statement.Action = stringList(entry.Action);
  if (entry.NotAction !== undefined) statement.NotAction = stringList(entry.NotAction);
  if (entry.Resource !== undefined) statement.Resource = stringList(entry.Resource);
  if (entry.NotResource !== undefined) statement.NotResource = stringList(entry.NotResource);
  if (entry.Condition !== undefined) statement.Condition = entry.Condition;

  for (const action of [...(statement.Action ?? []), ...(statement.NotAction ?? [])]) {
    if (!vendorAction.test(action)) {
      throw malformedPolicyDocument(
        'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
      );
    }
  }
  return statement;
}

/**
 * Parses an identity policy and applies the checks AWS documents: the text is JSON,
 * `Version` (when given) is `2008-10-17` or `2012-10-17`, `Statement` holds at least one
 * statement, and each
 * statement has `Effect` Allow|Deny, `Action` or `NotAction`, `Resource` or `NotResource`,
 * and no `Principal`. Anything else is `MalformedPolicyDocument`.
 *
 * @example
 * parsePolicyDocument('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}');
 */
export function parsePolicyDocument(text: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedPolicyDocument('This policy contains invalid Json');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw malformedPolicyDocument('This policy contains invalid Json');
  }

  const document = parsed as Record<string, unknown>;
  const version = document.Version ?? '2008-10-17';
  if (typeof version !== 'string' || !policyVersions.includes(version)) {
    throw malformedPolicyDocument('The policy failed legacy parsing');
  }
  if (document.Statement === undefined) throw syntaxError();

  const rawStatements = Array.isArray(document.Statement)
    ? document.Statement
    : [document.Statement];
  // A policy needs at least one statement; an empty list is a syntax error to IAM.
  if (rawStatements.length === 0) throw syntaxError();
  return { Version: version, Statement: rawStatements.map(parseStatement) };
}

/**
 * The size IAM counts against policy quotas: the document's characters, whitespace
 * excluded.
 *
 * @example
 * policySize('{ "Version": "2012-10-17" }'); // 24
 */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}
