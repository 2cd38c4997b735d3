import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { IamError } from '../errors.js';
import type { Environment } from '../endpoints/resolve-endpoint.js';
import { parseIni } from './ini-parser.js';
import type { IniSections, IniValue } from './ini-parser.js';

/** One profile's settings, merged from the config and credentials files. */
export type Profile = Readonly<Record<string, IniValue>>;

/**
 * The shared config and credentials files, read and merged: profiles by name, the
 * `[services name]` sections, and the paths that were looked at.
 *
 * @example
 * const config = await loadSharedConfig({ env: process.env });
 * config.profiles.default?.region; // 'us-east-1'
 */
export interface SharedConfig {
  profiles: Record<string, Profile>;
  services: Record<string, Record<string, IniValue>>;
  configFile: string;
  credentialsFile: string;
}

/**
 * Where the two files are: `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else
 * `~/.aws/config` and `~/.aws/credentials` (`~` expanded).
 *
 * @example
 * sharedFilePaths({ AWS_CONFIG_FILE: '/tmp/x/config' }).configFile; // '/tmp/x/config'
 */
export function sharedFilePaths(env: Environment): { configFile: string; credentialsFile: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  const expand = (path: string) => (path.startsWith('~') ? join(home, path.slice(1)) : path);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
  };
}

/**
 * Reads both files (a missing file is an empty one) and merges them as the AWS CLI does:
 * config sections `[default]` and `[profile name]`, credentials sections `[name]`, the
 * credentials file winning key by key. Config sections named otherwise (`[name]` without
 * `profile`) are ignored, as the CLI ignores them.
 *
 * @throws IamError `InvalidConfigFile`
 * @example
 * const { profiles } = await loadSharedConfig({ env: { AWS_CONFIG_FILE: path } });
 */
export async function loadSharedConfig(options: { env?: Environment } = {}): Promise<SharedConfig> {
  const paths = sharedFilePaths(options.env ?? process.env);
  const config = await readSections(paths.configFile);
  const credentials = await readSections(paths.credentialsFile);

  const profiles: Record<string, Record<string, IniValue>> = Object.create(null);
  const services: Record<string, Record<string, IniValue>> = Object.create(null);
  for (const [section, values] of Object.entries(config)) {
    if (section === 'default') profiles.default = { ...profiles.default, ...values };
    else if (section.startsWith('profile ')) {
      const name = section.slice('profile '.length).trim();
      profiles[name] = { ...profiles[name], ...values };
    } else if (section.startsWith('services ')) {
      services[section.slice('services '.length).trim()] = values;
    }
  }
  for (const [name, values] of Object.entries(credentials)) {
    profiles[name] = { ...profiles[name], ...values };
  }
  return { profiles, services, ...paths };
}

/**
 * A text setting of a profile, or undefined when absent or a nested block.
 *
 * @example
 * profileValue(profile, 'region'); // 'eu-west-1'
 */
export function profileValue(profile: Profile | undefined, key: string): string | undefined {
  const value = profile?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The `endpoint_url` a profile sets for a service: from the `[services x]` section the
 * profile names (`iam =` block), else the profile's own `endpoint_url`.
 *
 * @example
 * profileEndpointUrl(config, 'dev', 'iam'); // 'http://127.0.0.1:5000'
 */
export function profileEndpointUrl(
  config: SharedConfig,
  profileName: string,
  service: string,
): string | undefined {
  const profile = config.profiles[profileName];
  const servicesName = profileValue(profile, 'services');
  const block = servicesName === undefined ? undefined : config.services[servicesName]?.[service];
  if (typeof block === 'object' && block.endpoint_url) return block.endpoint_url;
  return profileValue(profile, 'endpoint_url');
}

/**
 * The profile name in effect: the one asked for, else `AWS_PROFILE`, else `default`.
 *
 * @example
 * selectedProfile(undefined, { AWS_PROFILE: 'dev' }); // 'dev'
 */
export function selectedProfile(profile: string | undefined, env: Environment): string {
  return profile || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

async function readSections(path: string): Promise<IniSections> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw new IamError({
      code: 'InvalidConfigFile',
      message: `cannot read ${path}: ${code ?? String(error)}`,
      cause: error,
    });
  }
  return parseIni(text, path);
}
