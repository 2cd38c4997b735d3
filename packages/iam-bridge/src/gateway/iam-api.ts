// The parts of @iam-bridge/iam the gateway drives, gathered so routes import one module.
export {
  createUser,
  deleteUser,
  findOperation,
  IamClient,
  IamError,
  iamModel,
  LifecycleError,
  rotateAccessKey,
  StsClient,
} from '@iam-bridge/iam';
export type {
  AwsCredentials,
  ClientLogger,
  CreateUserResult,
  DeleteUserResult,
  IamCaller,
  IamOperations,
  OperationName,
  QueryClientOptions,
  RotateAccessKeyOptions,
  SendOptions,
  User,
  UserSpec,
} from '@iam-bridge/iam';
