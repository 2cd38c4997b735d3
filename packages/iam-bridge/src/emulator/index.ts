/**
 * The local IAM emulator's state and semantics: open a store, then call handlers by
 * action name with IAM's input shapes.
 *
 * @example
 * import { openStore, rootContext, emulatorActions } from './emulator/index.js';
 * const store = openStore();
 * emulatorActions.CreateUser(store, { UserName: 'alice' }, rootContext(store));
 */
export { emulatorActions, stsActions, invokeAction, actionResource } from './actions.js';
export { defineAction, type Handler } from './action.js';
export { awsManagedPolicies } from './aws-managed-policies.js';
export {
  fixedClock,
  rootContext,
  userContext,
  type Caller,
  type EmulatorContext,
} from './context.js';
export { lookupCredentials, recordAccessKeyUse, type CredentialLookup } from './credentials.js';
export { EmulatorError } from './errors.js';
export {
  authorize,
  evaluateIdentityPolicies,
  isAllowed,
  type Decision,
} from './policy-evaluation.js';
export {
  parsePolicyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from './policy-document.js';
export {
  defaultAccountId,
  defaultRootCredentials,
  openStore,
  type EmulatorStore,
  type RootCredentials,
  type StoreOptions,
} from './store.js';
export { defaultSwitches, type EmulatorSwitches } from './switches.js';
export { totpCode } from './totp.js';
export {
  startEmulator,
  type EmulatorLogger,
  type EmulatorOptions,
  type RunningEmulator,
} from './server.js';
export { readSwitchSettings, switchesFromEnv, switchVariables } from './switch-settings.js';
