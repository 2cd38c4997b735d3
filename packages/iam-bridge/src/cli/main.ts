// The iam-bridge command line: global behaviour in program.ts, one file per command.
import { registerCall } from './commands/call.js';
import { registerExplain } from './commands/explain.js';
import { registerLocal } from './commands/local.js';
import { registerPresign } from './commands/presign.js';
import { registerPresignAction } from './commands/presign-action.js';
import { registerSign } from './commands/sign.js';
import { registerVerify } from './commands/verify.js';
import { registerWhoami } from './commands/whoami.js';
import { registerUsers } from './commands/users.js';
import { registerBulk } from './commands/bulk.js';
import { registerServe } from './commands/serve.js';
import { registerKeys } from './commands/keys.js';
import { registerDemo } from './commands/demo.js';
import { createBaseProgram, runProgram } from './program.js';

const program = createBaseProgram();
registerSign(program);
registerPresign(program);
registerVerify(program);
registerExplain(program);
registerCall(program);
registerPresignAction(program);
registerWhoami(program);
registerLocal(program);
registerUsers(program);
registerBulk(program);
registerServe(program);
registerKeys(program);
registerDemo(program);

process.exitCode = await runProgram(program, process.argv);
