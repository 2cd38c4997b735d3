import type { FastifyInstance } from 'fastify';

import { plainValue } from '../../plain-value.js';
import { runChange } from '../changes.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { iamModel } from '../iam-api.js';
import type { DetailedCaller } from '../iam-request-ids.js';

/** The prefixes of IAM actions that only read. */
export const READ_ONLY_PREFIXES = ['Get', 'List', 'Simulate', 'Generate'] as const;
const READ_ONLY = new RegExp(`^(${READ_ONLY_PREFIXES.join('|')})`);

/**
 * Whether an IAM action only reads (`Get*`, `List*`, ...): such calls are not audited
 * as changes and need no idempotency record.
 *
 * @example isReadOnlyAction('ListUsers') // true
 */
export function isReadOnlyAction(action: string): boolean {
  return READ_ONLY.test(action);
}

/**
 * Checks an action name against IAM's model.
 *
 * @throws GatewayError `InvalidAction` (400).
 * @example assertKnownAction('CreateUser');
 */
export function assertKnownAction(action: string): void {
  if (!Object.hasOwn(iamModel.operations, action)) {
    throw new GatewayError('InvalidAction', 400, `${action} is not an IAM action.`, {
      details: { field: 'action' },
    });
  }
}

/**
 * `POST /v1/iam/{Action}`: any IAM action by name with IAM's own input shape as the body
 * (`{ "UserName": "ana" }`), answered with IAM's output as JSON. Admin scope only; actions
 * that change something are audited and honour `Idempotency-Key`.
 *
 * @example registerIamActionRoutes(app, context);
 */
export function registerIamActionRoutes(app: FastifyInstance, context: GatewayContext): void {
  app.post<{ Params: { action: string }; Body: Record<string, unknown> | undefined }>(
    '/v1/iam/:action',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Call any IAM action by name',
        description: "The body is the action's input in IAM's own member names.",
        tags: ['iam'],
        params: {
          type: 'object',
          required: ['action'],
          additionalProperties: false,
          properties: { action: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]{1,63}$' } },
        },
        body: { type: 'object' },
      },
    },
    async (request, reply) => {
      const { action } = request.params;
      assertKnownAction(action);
      const input = request.body ?? {};
      const call = async (caller: DetailedCaller) => {
        const detailed = await (caller.sendDetailed as any)(action, input);
        // Binary members (a virtual MFA device's seed and QR code) as base64, as the CLI prints them.
        return { action, requestId: detailed.requestId, result: plainValue(detailed.result) };
      };
      if (isReadOnlyAction(action)) return reply.send(await call(context.target.caller));
      return runChange(context, request, reply, {
        action,
        target: auditTargetOf(input),
        run: async (recorded) => ({ status: 200, body: await call(recorded) }),
      });
    },
  );
}

/**
 * What an action's input acts on, for the audit log: `user/<UserName>`, `group/<GroupName>`,
 * ..., or `account` when the input names nothing.
 *
 * @example auditTargetOf({ UserName: 'ana', GroupName: 'devs' }) // 'user/ana'
 */
export function auditTargetOf(input: Record<string, unknown>): string {
  for (const [member, kind] of [
    ['UserName', 'user'],
    ['GroupName', 'group'],
    ['RoleName', 'role'],
    ['PolicyArn', 'policy'],
    ['PolicyName', 'policy'],
    ['SerialNumber', 'mfa'],
    ['VirtualMFADeviceName', 'mfa'],
    ['OpenIDConnectProviderArn', 'oidc-provider'],
    ['SAMLProviderArn', 'saml-provider'],
    ['ServerCertificateName', 'server-certificate'],
    ['InstanceProfileName', 'instance-profile'],
  ] as const) {
    if (typeof input[member] === 'string') return `${kind}/${input[member] as string}`;
  }
  return 'account';
}
