// The iam-bridge command line: global behaviour in program.ts, one file per command.
import { registerExplain } from './commands/explain.js';
import { registerLocal } from './commands/local.js';
import { registerPresign } from './commands/presign.js';
import { registerSign } from './commands/sign.js';
import { registerVerify } from './commands/verify.js';
import { registerUsers } from './commands/users.js';
import { registerBulk } from './commands/bulk.js';
import { createBaseProgram, runProgram } from './program.js';

const program = createBaseProgram();
registerSign(program);
registerPresign(program);
registerVerify(program);
registerExplain(program);
registerLocal(program);
registerUsers(program);
registerBulk(program);

process.exitCode = await runProgram(program, process.argv);
