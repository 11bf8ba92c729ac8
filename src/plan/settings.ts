// Small readers shared by the planner and the resolvers. They encode two rules that hold
// everywhere: a blank environment value counts as unset (SDKs treat `AWS_ACCESS_KEY_ID=" "`
// as absent), and an empty profile value (`role_arn =`) counts as unset too.
import type { Env } from '../io/context.ts';
import type { Origin, Section } from '../profile/model.ts';
import { getValue } from '../profile/model.ts';

/** Trimmed environment value, or undefined when unset or blank. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Trimmed profile value (case-insensitive key), or undefined when absent or empty. */
export function profileValue(section: Section | undefined, key: string): string | undefined {
  const value = getValue(section, key)?.trim();
  return value ? value : undefined;
}

export function profileOrigin(section: Section | undefined, key: string): Origin | undefined {
  return section?.properties[key.toLowerCase()]?.origin;
}

/** `true`/`false` in any case; anything else is undefined (callers decide whether to fail). */
export function parseBoolean(value: string | undefined): boolean | undefined {
  const lower = value?.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

/** Env first, then profile: how every setting with both forms is looked up. */
export function envOrProfile(
  env: Env,
  envName: string,
  section: Section | undefined,
  key: string,
): { value: string; from: 'env' | 'profile'; name: string } | undefined {
  const fromEnv = envValue(env, envName);
  if (fromEnv !== undefined) return { value: fromEnv, from: 'env', name: envName };
  const fromProfile = profileValue(section, key);
  if (fromProfile !== undefined) return { value: fromProfile, from: 'profile', name: key };
  return undefined;
}
