// The one place the gateway reaches into @iam-bridge/iam: the client, STS and the lifecycle
// operations it drives. The client and lifecycle modules are not yet re-exported from the
// package's index, so they are read from the workspace sources until they are.
export { IamError, iamModel, findOperation } from '@iam-bridge/iam';
export type { IamOperations, OperationName, User } from '@iam-bridge/iam';
export { IamClient } from '../../../iam/src/client/iam-client.js';
export { StsClient } from '../../../iam/src/client/sts-client.js';
export type { ClientLogger, QueryClientOptions } from '../../../iam/src/client/client-options.js';
export type { AwsCredentials } from '../../../iam/src/credentials/credentials.js';
export { createUser, type CreateUserResult } from '../../../iam/src/lifecycle/create-user.js';
export { deleteUser, type DeleteUserResult } from '../../../iam/src/lifecycle/delete-user.js';
export {
  rotateAccessKey,
  type RotateAccessKeyOptions,
} from '../../../iam/src/lifecycle/rotate-access-key.js';
export type { IamCaller, SendOptions } from '../../../iam/src/lifecycle/iam-caller.js';
export { LifecycleError } from '../../../iam/src/lifecycle/lifecycle-error.js';
export type { UserSpec } from '../../../iam/src/lifecycle/user-spec.js';
