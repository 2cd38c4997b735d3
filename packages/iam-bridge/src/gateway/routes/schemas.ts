// JSON Schemas shared by the routes: IAM's naming rules, the error body, the user view.
import type { User } from '../iam-api.js';

/** IAM's user name rule: 1-64 of A-Za-z0-9+=,.@_- . */
export const userNameSchema = {
  type: 'string',
  pattern: '^[\\w+=,.@-]{1,64}$',
  description: 'IAM user name: 1-64 of A-Za-z0-9+=,.@_-',
} as const;

/** IAM's group name rule: 1-128 of A-Za-z0-9+=,.@_- . */
export const groupNameSchema = { type: 'string', pattern: '^[\\w+=,.@-]{1,128}$' } as const;

/** A managed policy ARN. */
export const policyArnSchema = {
  type: 'string',
  pattern: '^arn:aws[\\w-]*:iam::(\\d{12}|aws):policy/.+$',
  maxLength: 2048,
} as const;

/** A query flag: only the words `true` and `false`. */
export const flagSchema = { type: 'string', enum: ['true', 'false'] } as const;

/** Path parameters holding a user name. */
export const userParams = {
  type: 'object',
  required: ['userName'],
  additionalProperties: false,
  properties: { userName: userNameSchema },
} as const;

/** The error body every route answers refusals with. */
export const errorResponse = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        requestId: { type: 'string' },
      },
      additionalProperties: true,
    },
  },
} as const;

/** A user as the gateway shows it. */
export const userSchema = {
  type: 'object',
  properties: {
    userName: { type: 'string' },
    userId: { type: 'string' },
    arn: { type: 'string' },
    path: { type: 'string' },
    createDate: { type: 'string', format: 'date-time' },
    passwordLastUsed: { type: 'string', format: 'date-time' },
    permissionsBoundary: { type: 'string' },
    tags: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

/**
 * A user as a list shows it: no `tags`, because IAM's `ListUsers` does not return them (an
 * empty object would claim the user has none). `GET /v1/users/{userName}` has them.
 */
export const userListItemSchema = {
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(userSchema.properties).filter(([name]) => name !== 'tags'),
  ),
} as const;

/**
 * IAM's `User` as the gateway's JSON view: camelCase, ISO dates, tags as an object.
 *
 * @example userView(User).userName // 'ana'
 */
export function userView(user: User): Record<string, unknown> {
  const view: Record<string, unknown> = {
    userName: user.UserName,
    userId: user.UserId,
    arn: user.Arn,
    path: user.Path,
    createDate: isoDate(user.CreateDate),
  };
  if (user.PasswordLastUsed) view.passwordLastUsed = isoDate(user.PasswordLastUsed);
  if (user.PermissionsBoundary?.PermissionsBoundaryArn) {
    view.permissionsBoundary = user.PermissionsBoundary.PermissionsBoundaryArn;
  }
  view.tags = Object.fromEntries((user.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
  return view;
}

function isoDate(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * A `ListUsers` member as a list item: the user view without `tags`, which the list does not
 * carry.
 *
 * @example userListItemView(User) // { userName: 'ana', userId, arn, path, createDate }
 */
export function userListItemView(user: User): Record<string, unknown> {
  const { tags: _tags, ...view } = userView(user);
  return view;
}
