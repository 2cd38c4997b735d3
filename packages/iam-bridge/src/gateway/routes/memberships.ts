import type { FastifyInstance } from 'fastify';

import { runChange } from '../changes.js';
import type { GatewayContext } from '../context.js';
import { groupNameSchema, policyArnSchema, userNameSchema } from './schemas.js';

const groupParams = {
  type: 'object',
  required: ['userName', 'groupName'],
  additionalProperties: false,
  properties: { userName: userNameSchema, groupName: groupNameSchema },
} as const;

const policyParams = {
  type: 'object',
  required: ['userName'],
  additionalProperties: false,
  properties: { userName: userNameSchema },
} as const;

const policyArnObject = {
  type: 'object',
  required: ['policyArn'],
  additionalProperties: false,
  properties: { policyArn: policyArnSchema },
} as const;

type GroupRequest = { Params: { userName: string; groupName: string } };
type PolicyRequest = {
  Params: { userName: string };
  Body: { policyArn: string };
  Querystring: { policyArn: string };
};

/**
 * Group membership and managed policy attachment of a user: `PUT` adds, `DELETE` removes.
 * Policies are named by ARN, in the body of a PUT and in the query of a DELETE.
 *
 * @example registerMembershipRoutes(app, context);
 */
export function registerMembershipRoutes(app: FastifyInstance, context: GatewayContext): void {
  for (const method of ['PUT', 'DELETE'] as const) {
    const adding = method === 'PUT';
    const action = adding ? 'AddUserToGroup' : 'RemoveUserFromGroup';
    app.route<GroupRequest>({
      method,
      url: '/v1/users/:userName/groups/:groupName',
      config: { scope: 'write' },
      schema: {
        summary: adding ? 'Add a user to a group' : 'Remove a user from a group',
        tags: ['memberships'],
        params: groupParams,
      },
      handler: (request, reply) => {
        const { userName, groupName } = request.params;
        return runChange(context, request, reply, {
          action,
          target: `user/${userName}`,
          run: async (recorded) => {
            await recorded.send(action, { UserName: userName, GroupName: groupName });
            return { status: 200, body: { userName, groupName, member: adding } };
          },
        });
      },
    });
  }

  for (const method of ['PUT', 'DELETE'] as const) {
    const adding = method === 'PUT';
    const action = adding ? 'AttachUserPolicy' : 'DetachUserPolicy';
    app.route<PolicyRequest>({
      method,
      url: '/v1/users/:userName/policies',
      config: { scope: 'write' },
      schema: {
        summary: adding ? 'Attach a managed policy' : 'Detach a managed policy',
        tags: ['memberships'],
        params: policyParams,
        ...(adding ? { body: policyArnObject } : { querystring: policyArnObject }),
      },
      handler: (request, reply) => {
        const { userName } = request.params;
        const policyArn = adding ? request.body.policyArn : request.query.policyArn;
        return runChange(context, request, reply, {
          action,
          target: `user/${userName}`,
          run: async (recorded) => {
            await recorded.send(action, { UserName: userName, PolicyArn: policyArn });
            return { status: 200, body: { userName, policyArn, attached: adding } };
          },
        });
      },
    });
  }
}
