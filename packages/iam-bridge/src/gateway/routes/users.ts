import type { FastifyInstance } from 'fastify';

import { runChange } from '../changes.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import {
  createUser,
  deleteUser,
  IamClient,
  rotateAccessKey,
  type CreateUserResult,
  type UserSpec,
} from '../iam-api.js';
import {
  errorResponse,
  flagSchema,
  groupNameSchema,
  policyArnSchema,
  userNameSchema,
  userListItemSchema,
  userListItemView,
  userParams,
  userSchema,
  userView,
} from './schemas.js';

/** The body of `POST /v1/users`: the lifecycle's user spec. */
export const userSpecSchema = {
  type: 'object',
  required: ['userName'],
  additionalProperties: false,
  properties: {
    userName: userNameSchema,
    path: { type: 'string', pattern: '^/([\\x21-\\x7e]*/)?$', maxLength: 512 },
    permissionsBoundary: policyArnSchema,
    tags: {
      type: 'object',
      maxProperties: 50,
      additionalProperties: { type: 'string', maxLength: 256 },
    },
    groups: { type: 'array', maxItems: 10, items: groupNameSchema },
    managedPolicies: { type: 'array', maxItems: 20, items: policyArnSchema },
    inlinePolicies: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'string' }, { type: 'object' }] },
    },
    loginProfile: {
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            password: { type: 'string', minLength: 1, maxLength: 128 },
            passwordResetRequired: { type: 'boolean' },
          },
        },
      ],
    },
    accessKey: { type: 'boolean' },
  },
} as const;

/** One user of a bulk job: a user spec without secrets (no access key, no password). */
export const bulkSpecSchema = {
  ...userSpecSchema,
  properties: Object.fromEntries(
    Object.entries(userSpecSchema.properties).filter(
      ([name]) => name !== 'accessKey' && name !== 'loginProfile' && name !== 'inlinePolicies',
    ),
  ),
};

const rotateBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accessKeyId: { type: 'string', pattern: '^[\\w]{16,128}$' },
    whenFull: { type: 'string', enum: ['refuse', 'delete-inactive'] },
    deactivateOld: { type: 'boolean' },
    deleteOldAfter: { type: 'boolean' },
    waitUntilUsable: {
      type: 'boolean',
      description:
        'Wait (up to 30 s) until IAM accepts the new key before touching the old one. ' +
        'Default true when deactivateOld or deleteOldAfter is set, so that a caller is ' +
        'never left with no working key.',
    },
  },
} as const;

/**
 * The user routes: create (secrets shown once), read, list with a cursor, delete (409
 * listing blockers unless forced), rotate an access key.
 *
 * @example registerUserRoutes(app, context);
 */
export function registerUserRoutes(app: FastifyInstance, context: GatewayContext): void {
  const caller = context.target.caller;

  app.post<{ Body: UserSpec; Querystring: { dryRun?: string } }>(
    '/v1/users',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Create a user with groups, policies, login profile and access key',
        description: 'Secrets (password, secret access key) are in this answer only.',
        tags: ['users'],
        body: userSpecSchema,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { dryRun: flagSchema },
        },
      },
    },
    async (request, reply) => {
      const spec = request.body;
      if (request.query.dryRun === 'true') {
        return reply.send(createdView(await createUser(caller, spec, { dryRun: true })));
      }
      return runChange(context, request, reply, {
        action: 'CreateUser',
        target: `user/${spec.userName}`,
        run: async (recorded) => {
          const result = await createUser(recorded, spec);
          return { status: result.status === 'created' ? 201 : 200, body: createdView(result) };
        },
      });
    },
  );

  app.get<{ Params: { userName: string } }>(
    '/v1/users/:userName',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Read a user',
        tags: ['users'],
        params: userParams,
        response: {
          200: { type: 'object', properties: { user: userSchema } },
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const { User } = await caller.send('GetUser', { UserName: request.params.userName });
      return { user: userView(User) };
    },
  );

  app.get<{ Querystring: { limit?: string; cursor?: string; pathPrefix?: string } }>(
    '/v1/users',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List users, a page at a time',
        description:
          "Items have no tags: IAM's ListUsers does not return them. Read a user for its tags.",
        tags: ['users'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'string', pattern: '^([1-9]\\d{0,2}|1000)$', description: '1-1000' },
            cursor: { type: 'string', minLength: 1, maxLength: 320 },
            // IAM's PathPrefix pattern: a slash, then up to 511 printable ASCII characters.
            pathPrefix: { type: 'string', pattern: '^/[\\x21-\\x7f]{0,511}$' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              users: { type: 'array', items: userListItemSchema },
              nextCursor: { type: 'string' },
            },
          },
        },
      },
    },
    async (request) => {
      const { limit, cursor, pathPrefix } = request.query;
      const page = await caller.send('ListUsers', {
        MaxItems: Number(limit ?? 100),
        ...(cursor ? { Marker: cursor } : {}),
        ...(pathPrefix ? { PathPrefix: pathPrefix } : {}),
      });
      return {
        users: page.Users.map(userListItemView),
        ...(page.IsTruncated && page.Marker ? { nextCursor: page.Marker } : {}),
      };
    },
  );

  app.delete<{ Params: { userName: string }; Querystring: { force?: string; dryRun?: string } }>(
    '/v1/users/:userName',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Delete a user; force removes what blocks the delete',
        description:
          'Without force, a user with dependents is a 409 listing every blocker. dryRun=true ' +
          'changes nothing and answers 200 with what a forced delete would remove (`removed`, ' +
          'the user last) and `needsForce`, with or without force.',
        tags: ['users'],
        params: userParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { force: flagSchema, dryRun: flagSchema },
        },
      },
    },
    async (request, reply) => {
      const { userName } = request.params;
      const force = request.query.force === 'true';
      if (request.query.dryRun === 'true') {
        // The lifecycle's dry run lists what a forced delete would remove, and needsForce,
        // whether force was given or not.
        return reply.send(await deleteUser(caller, userName, { force, dryRun: true }));
      }
      return runChange(context, request, reply, {
        action: 'DeleteUser',
        target: `user/${userName}`,
        run: async (recorded) => {
          const result = await deleteUser(recorded, userName, { force });
          if (result.status === 'absent') {
            throw new GatewayError(
              'NoSuchEntity',
              404,
              `The user with name ${userName} cannot be found.`,
            );
          }
          return { status: 200, body: result };
        },
      });
    },
  );

  app.post<{ Params: { userName: string }; Body: Record<string, unknown> | undefined }>(
    '/v1/users/:userName/access-keys/rotate',
    {
      config: { scope: 'write' },
      schema: {
        summary: "Rotate a user's access key",
        description: 'The new secret access key is in this answer only.',
        tags: ['users'],
        params: userParams,
        body: rotateBody,
      },
    },
    async (request, reply) => {
      const { userName } = request.params;
      const options = { ...(request.body ?? {}) };
      // A new key takes a moment to work on AWS: retiring the old one before then could
      // lock the integration out, so the wait is implied unless turned off.
      if (
        options.waitUntilUsable === undefined &&
        (options.deactivateOld || options.deleteOldAfter)
      ) {
        options.waitUntilUsable = true;
      }
      return runChange(context, request, reply, {
        action: 'RotateAccessKey',
        target: `user/${userName}`,
        run: async (recorded) => {
          const result = await rotateAccessKey(recorded, userName, {
            ...options,
            clientForKey: (credentials) =>
              new IamClient({ ...context.target.clientOptions, credentials }),
          });
          return { status: 200, body: result };
        },
      });
    },
  );
}

function createdView(result: CreateUserResult): Record<string, unknown> {
  return {
    status: result.status,
    userName: result.userName,
    ...(result.user ? { user: userView(result.user) } : {}),
    steps: result.steps,
    ...(result.password === undefined ? {} : { password: result.password }),
    ...(result.accessKey ? { accessKey: result.accessKey } : {}),
  };
}
