// Stops credential_process loops such as `[profile x] credential_process = awsctl process
// --profile x` (cli.md: "an error, not a loop"), directly or through other profiles or other
// awsctl processes. Every helper awsctl starts inherits AWSCTL_PROCESS_CHAIN: the profiles whose
// credential_process an outer awsctl is running right now, outermost first. Before running a
// profile's helper, awsctl refuses when that profile is already in the chain, so the second
// turn of any loop fails with a clear error instead of forking forever. Pure.
import type { Env } from '../io/context.ts';
import { AwsctlError } from '../errors.ts';

export const PROCESS_CHAIN_ENV = 'AWSCTL_PROCESS_CHAIN';

/**
 * What a nested `awsctl process` (one run by an outer awsctl, AWSCTL_PROCESS_CHAIN set) prints on
 * stdout when it fails, after its one error line on stderr: the outer awsctl, which never shows a
 * helper's stdout, then exits without a line of its own, so a chain of helpers ends in exactly
 * one awsctl line instead of one per level, each quoting the one below.
 */
export const REPORTED_MARKER = '{"awsctl":"error reported on stderr"}';

/**
 * A loop needs a repeated profile name, but the same name can be a different profile when a
 * helper points AWS_CONFIG_FILE elsewhere; this cap stops such loops too. No sane setup nests
 * credential_process helpers this deep.
 */
export const MAX_PROCESS_CHAIN_DEPTH = 8;

/** The chain an outer awsctl passed down; a missing or malformed value is an empty chain. */
export function readProcessChain(env: Env): string[] {
  const raw = env[PROCESS_CHAIN_ENV];
  if (raw === undefined || raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Call before running `profileName`'s credential_process (or, in `awsctl process`, before
 * resolving `profileName` at all). Returns the environment for the child: `env` (without unset
 * entries) plus the chain extended with `profileName`. Throws AwsctlError when `profileName` is
 * already being resolved by an outer awsctl, or the chain is too deep.
 */
export function enterProcessGuard(env: Env, profileName: string): Record<string, string> {
  const chain = readProcessChain(env);
  const path = [...chain, profileName].join(' → ');
  if (chain.includes(profileName)) {
    throw new AwsctlError(
      `cannot get credentials for profile ${profileName}`,
      `its credential_process leads back to awsctl for the same profile (${path}), which would never end`,
      {
        hint: `change the credential_process of profile ${profileName} (or of a profile it calls) so it does not call awsctl for ${profileName}`,
        profile: profileName,
      },
    );
  }
  if (chain.length >= MAX_PROCESS_CHAIN_DEPTH) {
    throw new AwsctlError(`cannot get credentials for profile ${profileName}`, `credential_process helpers are nested ${chain.length} deep (${path})`, {
      hint: 'check the credential_process settings of these profiles for a loop',
      profile: profileName,
    });
  }
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
  childEnv[PROCESS_CHAIN_ENV] = JSON.stringify([...chain, profileName]);
  return childEnv;
}
