import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** One INI file: section name to its keys (lower case) and values. */
export type IniSections = Map<string, Map<string, string>>;

/**
 * Reads the AWS shared-file INI dialect: `[section]` headers, `key = value` lines, `#` and `;`
 * comment lines; indented lines (nested settings such as `s3 =` blocks) are skipped.
 *
 * @example
 * parseIni('[default]\naws_access_key_id = AKID\n').get('default')?.get('aws_access_key_id')
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;

  for (const raw of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(raw) || /^\s*([#;].*)?$/.test(raw)) continue;
    const line = raw.trim();

    const header = /^\[\s*([^\]]*?)\s*\]/.exec(line);
    if (header) {
      current = sections.get(header[1]) ?? new Map<string, string>();
      sections.set(header[1], current);
      continue;
    }

    const eq = line.indexOf('=');
    if (eq === -1 || current === undefined) continue;
    const value = line
      .slice(eq + 1)
      .replace(/\s[#;].*$/, '')
      .trim();
    current.set(line.slice(0, eq).trim().toLowerCase(), value);
  }
  return sections;
}

/** Where the shared credentials and config files are, after the environment overrides. */
export interface SharedFilePaths {
  credentialsFile: string;
  configFile: string;
}

/**
 * The shared file locations: `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE` when set (a
 * leading `~` is the home directory), else `~/.aws/credentials` and `~/.aws/config`.
 *
 * @example sharedFilePaths({ HOME: '/home/me' }).configFile // '/home/me/.aws/config'
 */
export function sharedFilePaths(env: NodeJS.ProcessEnv): SharedFilePaths {
  const home = env.HOME || env.USERPROFILE || homedir();
  const expand = (path: string): string => path.replace(/^~(?=$|[/\\])/, home);
  return {
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
    configFile: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
  };
}

/**
 * Reads one INI file; a file that does not exist reads as empty.
 *
 * @example readIniFile(sharedFilePaths(process.env).credentialsFile)
 */
export function readIniFile(path: string): IniSections {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
}

/**
 * The settings of one profile, merged from both files: the credentials file (sections named
 * after the profile) wins over the config file (sections `[profile name]`, or `[default]`).
 * Returns undefined when neither file has the profile.
 *
 * @example readProfile('dev', process.env)?.get('aws_access_key_id')
 */
export function readProfile(
  profile: string,
  env: NodeJS.ProcessEnv,
): Map<string, string> | undefined {
  const paths = sharedFilePaths(env);
  const fromCredentials = readIniFile(paths.credentialsFile).get(profile);
  const config = readIniFile(paths.configFile);
  const fromConfig =
    config.get(`profile ${profile}`) ?? (profile === 'default' ? config.get('default') : undefined);

  if (!fromCredentials && !fromConfig) return undefined;
  return new Map([...(fromConfig ?? []), ...(fromCredentials ?? [])]);
}
