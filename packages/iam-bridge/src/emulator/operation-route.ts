import { iamModel, stsModel, type ServiceModel } from '@iam-bridge/iam';

import { emulatorActions, stsActions } from './actions.js';
import { EmulatorError } from './errors.js';
import type { QueryRequest } from './query-request.js';

/**
 * Where a Query request goes: the service whose model names the action at the requested
 * version, that service's signing name, and whether the emulator implements the action.
 *
 * @example
 * const route: OperationRoute = {
 *   action: 'GetCallerIdentity', service: 'sts', model: stsModel, implemented: true,
 * };
 */
export interface OperationRoute {
  action: string;
  service: 'iam' | 'sts';
  model: ServiceModel<any>;
  implemented: boolean;
}

// The version AWS reports when a request names none.
const NO_VERSION = 'NO_VERSION_SPECIFIED';

/**
 * Finds the operation a request asks for, as AWS's Query front end does: the action must
 * exist in the API version the request names. IAM (2010-05-08) and STS (2011-06-15) are
 * served side by side, told apart by their versions.
 *
 * @throws EmulatorError `MissingAction` (400) without an `Action`; `InvalidAction` (400),
 *   "Could not find operation X for version V", for an unknown action or version.
 * @example
 * routeOperation({ pairs: [], action: 'ListUsers', version: '2010-05-08' }).service; // 'iam'
 */
export function routeOperation(request: QueryRequest): OperationRoute {
  const { action, version } = request;
  if (action === undefined) {
    throw new EmulatorError('MissingAction', 400, 'The request must contain the parameter Action.');
  }

  for (const [model, service, actions] of SERVICES) {
    if (version === model.apiVersion && Object.hasOwn(model.operations, action)) {
      return { action, service, model, implemented: Object.hasOwn(actions, action) };
    }
  }
  throw new EmulatorError(
    'InvalidAction',
    400,
    `Could not find operation ${action} for version ${version ?? NO_VERSION}`,
  );
}

const SERVICES = [
  [iamModel, 'iam', emulatorActions],
  [stsModel, 'sts', stsActions],
] as const;

/**
 * The error for an action AWS has and the emulator does not implement: 501, so a caller
 * can tell it from a refusal.
 *
 * @example
 * throw notImplemented('CreateRole'); // "CreateRole is not implemented by the iam-bridge emulator"
 */
export function notImplemented(action: string): EmulatorError {
  return new EmulatorError(
    'NotImplemented',
    501,
    `${action} is not implemented by the iam-bridge emulator`,
  );
}
