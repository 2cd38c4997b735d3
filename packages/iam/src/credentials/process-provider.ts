import { spawn } from 'node:child_process';
import { IamError } from '../errors.js';
import type { Environment } from '../endpoints/resolve-endpoint.js';
import type { AwsCredentials, CredentialProvider } from './credentials.js';

/**
 * Runs a profile's `credential_process` command through the shell and reads the JSON it
 * prints: `{ "Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?,
 * "Expiration"? }`. The command's output is never quoted in errors (it holds secrets);
 * its stderr is passed through to ours.
 *
 * @throws IamError `CredentialProcessFailed`
 * @example
 * const provider = fromProcess({ command: 'vault-aws-creds --role admin' });
 */
export function fromProcess(options: {
  command: string;
  env?: Environment;
  timeoutMs?: number;
  profile?: string;
}): CredentialProvider {
  const where = options.profile
    ? `profile ${options.profile} credential_process`
    : 'credential_process';
  return async () => {
    const stdout = await run(
      options.command,
      options.env ?? process.env,
      options.timeoutMs ?? 60_000,
      where,
    );
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(stdout) as Record<string, unknown>;
    } catch {
      throw failed(where, 'printed something that is not JSON');
    }
    if (parsed.Version !== 1) throw failed(where, 'printed JSON without "Version": 1');
    if (typeof parsed.AccessKeyId !== 'string' || typeof parsed.SecretAccessKey !== 'string') {
      throw failed(where, 'printed JSON without AccessKeyId and SecretAccessKey');
    }
    const credentials: AwsCredentials = {
      accessKeyId: parsed.AccessKeyId,
      secretAccessKey: parsed.SecretAccessKey,
      source: where,
    };
    if (typeof parsed.SessionToken === 'string') credentials.sessionToken = parsed.SessionToken;
    if (typeof parsed.Expiration === 'string') {
      const expiration = new Date(parsed.Expiration);
      if (Number.isNaN(expiration.getTime()))
        throw failed(where, 'printed an unreadable Expiration');
      credentials.expiration = expiration;
    }
    return credentials;
  };
}

function run(command: string, env: Environment, timeoutMs: number, where: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => reject(failed(where, `could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(failed(where, signal ? `was killed by ${signal}` : `exited with code ${code}`));
    });
  });
}

function failed(where: string, reason: string): IamError {
  return new IamError({ code: 'CredentialProcessFailed', message: `${where} ${reason}` });
}
