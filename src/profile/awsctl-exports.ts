// What `awsctl env` (and `exec`, `assume`) exported into an environment, so that it never
// outranks the next profile: after `eval "$(awsctl env --profile dev)"` (us-east-1),
// `awsctl env --profile eu` must give eu's region, not the AWS_REGION the first eval set.
//
// The record is one variable, AWSCTL_EXPORTED, holding `NAME=value` pairs (space-separated) of the
// values that tell an export apart from the user's own: the regions and the access key id (never
// a secret). A variable counts as awsctl's only while it still holds the recorded value, so a
// region the user exports afterwards is the user's again. Pure.
import type { Env } from '../io/context.ts';

export const EXPORT_MARKER = 'AWSCTL_EXPORTED';

/** The variables the record may name (secrets and tokens follow the access key id). */
const MARKED_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/** Variables that go with an exported access key id: same identity, same fate. */
const KEY_COMPANIONS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID'] as const;

/** The marker's value for these assignments; undefined when nothing can be recorded. */
export function exportRecord(assigned: ReadonlyArray<{ name: string; value: string }>): string | undefined {
  const pairs = assigned
    .filter(({ name, value }) => (MARKED_NAMES as readonly string[]).includes(name) && /^[\x21-\x7e]+$/.test(value) && !value.includes('='))
    .map(({ name, value }) => `${name}=${value}`);
  return pairs.length === 0 ? undefined : pairs.join(' ');
}

/** Names whose current value in `env` is the one awsctl exported. */
export function awsctlExportedNames(env: Env): Set<string> {
  const names = new Set<string>();
  for (const pair of (env[EXPORT_MARKER] ?? '').split(' ')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    if ((MARKED_NAMES as readonly string[]).includes(name) && env[name] === pair.slice(eq + 1)) names.add(name);
  }
  if (names.has('AWS_ACCESS_KEY_ID')) for (const companion of KEY_COMPANIONS) names.add(companion);
  return names;
}

/**
 * The environment a resolution should see. When a profile is selected (--profile, AWS_PROFILE,
 * AWS_DEFAULT_PROFILE), what awsctl exported for an earlier profile is left out, so that profile's
 * own region and credentials apply. With no profile selected, the exported values are this
 * shell's identity and stay (`awsctl whoami` after an eval shows what the eval set).
 */
export function environmentForResolving(env: Env, profileFlag: string | undefined): Env {
  const selected = profileFlag !== undefined || Boolean(env.AWS_PROFILE?.trim()) || Boolean(env.AWS_DEFAULT_PROFILE?.trim());
  if (!selected) return env;
  const exported = awsctlExportedNames(env);
  if (exported.size === 0) return env;
  const result: Record<string, string | undefined> = { ...env };
  for (const name of exported) delete result[name];
  return result;
}
