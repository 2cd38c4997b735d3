import { IamError } from '../errors.js';

/**
 * The shape types a Query-protocol model uses.
 *
 * @example
 * const type: ShapeType = iamModel.shapes.User.type; // 'structure'
 */
export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'blob';

/**
 * One shape of the API model, as generated from the botocore service model.
 *
 * Structures name their members' shapes in `members`; lists name their element shape in
 * `member`; maps name `key` and `value`. Wire names differing from the member name are in
 * `locationNames`, `memberName`, `keyName` and `valueName`.
 *
 * @example
 * const tag: ShapeModel = { type: 'structure', members: { Key: 'tagKeyType' }, required: ['Key'] };
 */
export interface ShapeModel {
  readonly type: ShapeType;
  readonly members?: Readonly<Record<string, string>>;
  readonly locationNames?: Readonly<Record<string, string>>;
  readonly required?: readonly string[];
  readonly member?: string;
  readonly memberName?: string;
  readonly key?: string;
  readonly value?: string;
  readonly keyName?: string;
  readonly valueName?: string;
  readonly flattened?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly timestampFormat?: string;
  readonly sensitive?: boolean;
  readonly error?: { readonly code?: string; readonly status?: number; readonly fault: string };
}

/**
 * One operation: its input and output shapes, the XML element that wraps the result and
 * the input members the caller must give.
 *
 * @example
 * const op: OperationModel = { input: 'DeleteUserRequest', required: ['UserName'] };
 */
export interface OperationModel {
  readonly input?: string;
  readonly output?: string;
  readonly resultWrapper?: string;
  readonly required?: readonly string[];
}

/**
 * How a list operation pages: the request token, the response token, the page-size
 * parameter, the members holding the results and the flag saying more pages follow.
 *
 * @example
 * const listUsers: PaginatorModel = {
 *   inputToken: 'Marker', outputToken: 'Marker', limitKey: 'MaxItems',
 *   resultKeys: ['Users'], moreResults: 'IsTruncated',
 * };
 */
export interface PaginatorModel {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly limitKey?: string;
  readonly resultKeys: readonly string[];
  readonly moreResults?: string;
}

/**
 * The request and response types of every operation, keyed by operation name.
 *
 * @example
 * type Ops = { GetUser: { input: { UserName?: string }; output: { User: object } } };
 */
export type OperationTypes = { [operationName: string]: { input: unknown; output: unknown } };

/**
 * A service's API model. `Operations` only carries types: it lets `serializeQuery`,
 * `parseResponse` and friends type their input and output by operation name.
 *
 * @example
 * import { iamModel } from '@iam-bridge/iam';
 * iamModel.operations.CreateUser.resultWrapper; // 'CreateUserResult'
 */
export interface ServiceModel<Operations extends OperationTypes = OperationTypes> {
  readonly serviceId: string;
  readonly apiVersion: string;
  readonly xmlNamespace: string;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, ShapeModel>>;
  readonly paginators: Readonly<Record<string, PaginatorModel>>;
  /** Never set at run time; carries the operation types for inference. */
  readonly operationTypes?: Operations;
}

/**
 * The operation names of a model.
 *
 * @example
 * const name: OperationName<IamOperations> = 'CreateUser';
 */
export type OperationName<Operations extends OperationTypes> = keyof Operations & string;

/**
 * The input type of an operation named by a literal; a plain object for a name only
 * known at run time (a `string`).
 *
 * @example
 * type CreateUserInput = OperationInput<IamOperations, 'CreateUser'>; // CreateUserRequest
 */
export type OperationInput<
  Operations extends OperationTypes,
  Name extends string,
> = Name extends keyof Operations ? Operations[Name]['input'] : Record<string, unknown>;

/**
 * The output type of an operation named by a literal; a plain object for a name only
 * known at run time (a `string`).
 *
 * @example
 * type ListUsersOutput = OperationOutput<IamOperations, 'ListUsers'>; // ListUsersResponse
 */
export type OperationOutput<
  Operations extends OperationTypes,
  Name extends string,
> = Name extends keyof Operations ? Operations[Name]['output'] : Record<string, unknown>;

/**
 * The input argument(s) of a call: optional when the input has no required member.
 *
 * @example
 * type Args = InputArgument<IamOperations, 'GetUser'>; // [input?: GetUserRequest]
 */
export type InputArgument<Operations extends OperationTypes, Name extends string> =
  {} extends OperationInput<Operations, Name>
    ? [input?: OperationInput<Operations, Name>]
    : [input: OperationInput<Operations, Name>];

/**
 * Looks up an operation, or fails with `UnknownOperation` naming it.
 *
 * @example
 * const op = findOperation(iamModel, 'CreateUser'); // { input: 'CreateUserRequest', ... }
 * findOperation(iamModel, 'CreateUsr'); // throws IamError code 'UnknownOperation'
 */
export function findOperation(model: ServiceModel<any>, operationName: string): OperationModel {
  const operation = Object.hasOwn(model.operations, operationName)
    ? model.operations[operationName]
    : undefined;
  if (!operation) {
    throw new IamError({
      code: 'UnknownOperation',
      message: `${model.serviceId} has no operation named ${JSON.stringify(operationName)}`,
    });
  }
  return operation;
}

/**
 * Looks up a shape by name; a missing shape is a defect of the model, not of the caller.
 *
 * @example
 * findShape(iamModel, 'userNameType').pattern; // '[\\w+=,.@-]+'
 */
export function findShape(model: ServiceModel<any>, shapeName: string): ShapeModel {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`${model.serviceId} model has no shape ${shapeName}`);
  return shape;
}

/**
 * The name a structure member travels under: its `locationName` if it has one; for a
 * flattened list whose elements carry a name, that name (the elements stand in for the
 * member); else the member name itself.
 *
 * @example
 * memberWireName(iamModel, findShape(iamModel, 'CreateUserRequest'), 'UserName'); // 'UserName'
 */
export function memberWireName(
  model: ServiceModel<any>,
  structure: ShapeModel,
  memberName: string,
): string {
  const locationName = structure.locationNames?.[memberName];
  if (locationName !== undefined) return locationName;
  const member = findShape(model, structure.members![memberName]!);
  if (member.type === 'list' && member.flattened && member.memberName) return member.memberName;
  return memberName;
}
