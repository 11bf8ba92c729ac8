// Which profile a command uses: the ONE rule, used by every command (planner, configure, sso,
// the fast path). As the AWS CLI v2 does it (checked against /usr/bin/aws 2.9 and botocore):
// --profile, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default`; a value is the name
// exactly as written: ` dev ` is the profile " dev " (so not found, as in `aws`), and a variable
// that is set but empty selects the profile "" (not found: the AWS CLI says "The config profile
// () could not be found") rather than falling through to the next variable. botocore alone (the
// Python library, not the CLI) reads AWS_DEFAULT_PROFILE before AWS_PROFILE; every SDK and the
// CLI read AWS_PROFILE first.

/** Where the profile name came from (cli.md: --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, default). */
export type ProfileOrigin = 'flag' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default';

export interface SelectedProfile {
  name: string;
  origin: ProfileOrigin;
}

export function selectProfile(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): SelectedProfile {
  if (flag !== undefined) return { name: flag, origin: 'flag' };
  for (const variable of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) {
    const value = env[variable];
    if (value !== undefined) return { name: value, origin: variable };
  }
  return { name: 'default', origin: 'default' };
}
