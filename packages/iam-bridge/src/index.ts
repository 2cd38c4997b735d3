// The public surface of the iam-bridge package: one export line per concern.
export { IamBridgeError } from './iam-bridge-error.js';
export { CliError, EXIT_REFUSED, EXIT_USAGE, refusal, usageError } from './cli/cli-error.js';
export { describeError, reportError, type ErrorReport } from './cli/report-error.js';
export { createBaseProgram, runProgram } from './cli/program.js';
export {
  addCredentialOptions,
  cliCredentialError,
  cliCredentialProvider,
  resolveCliCredentials,
  type CliCredentials,
  type CredentialFlags,
} from './cli/credentials.js';
export { readProfile, readSharedFiles, sharedFilePaths } from './cli/shared-config-files.js';
export {
  addOutputOptions,
  formatTable,
  outputFormat,
  printJson,
  printLines,
  printRecordTable,
  type OutputFlags,
  type OutputFormat,
} from './cli/output.js';
export { parseRawRequest, type RawRequest } from './cli/raw-request.js';
export { formatCurlCommand, shellQuote, type CurlInput } from './cli/curl-command.js';
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './emulator/index.js';
export * from './gateway/index.js';
