// The environment for a command run with resolved credentials (`exec`, `assume -- cmd`): ours,
// plus the credential variables `awsctl env` would print, minus the ones it would clear
// (AWS_PROFILE, AWS_DEFAULT_PROFILE and every other identity variable, so no SDK in the child
// re-resolves a profile or mixes in another identity: env-values.ts). Pure.
import type { AwsCredentials } from '../aws/types.ts';
import type { Env } from '../io/context.ts';
import { credentialEnvironment, type EnvAssignments } from './env-values.ts';

export function childEnvironment(env: Env, credentials: AwsCredentials, region: string | undefined): Record<string, string> {
  return applyAssignments(env, credentialEnvironment(credentials, region, env));
}

/** `env` with the assignments applied: unsets removed, sets added (what evaluating `awsctl env` output would do). */
export function applyAssignments(env: Env, assignments: EnvAssignments): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  for (const name of assignments.unset) delete result[name];
  for (const { name, value } of assignments.set) result[name] = value;
  return result;
}
