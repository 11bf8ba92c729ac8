// The homes the bench runs in: always fresh temp folders (never the real ~/.aws), with profile
// files written from the generators below and, for the cached cases, an AWS-CLI cache entry
// under the very key awsctl (and the AWS CLI) will look up.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { assumeRoleCacheKey } from '../../src/cache/cli-cache-key.ts';
import { serializeCacheEntry, stsCacheEntry } from '../../src/cache/credential-cache.ts';
import { tempHome } from '../../test/helpers/cli.ts';

export const ACCOUNT = '123456789012';
export const BASE_KEYS = { accessKeyId: 'AKIABENCH00000000001', secretAccessKey: 'bench-base-secret' };
export const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** A realistic mix: role profiles over a static base, SSO profiles, region-only and credential_process ones. */
export function manyProfilesConfig(count: number): string {
  const lines = [
    '[profile base]',
    'region = us-east-1',
    '',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = us-east-1',
    'sso_registration_scopes = sso:account:access',
    '',
  ];
  for (let i = 0; i < count; i++) {
    const name = `p${String(i).padStart(6, '0')}`;
    lines.push(`[profile ${name}]`);
    switch (i % 4) {
      case 0:
        lines.push(`role_arn = ${roleArn(`role-${i}`)}`, 'source_profile = base', `role_session_name = ${name}`);
        break;
      case 1:
        lines.push('sso_session = corp', `sso_account_id = ${String(100000000000 + i)}`, 'sso_role_name = ReadOnly', 'region = eu-west-1');
        break;
      case 2:
        lines.push('region = us-west-2', 'output = json', '# a comment line', 's3 =', '  max_concurrent_requests = 20');
        break;
      default:
        lines.push(`credential_process = /usr/local/bin/helper --id ${i}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function credentialsFile(): string {
  return `[base]\naws_access_key_id = ${BASE_KEYS.accessKeyId}\naws_secret_access_key = ${BASE_KEYS.secretAccessKey}\n`;
}

/** The role profile the cached cases resolve: `dev` assumes bench-dev from `base`. */
export const CACHED_PROFILE = 'dev';
const CACHED_PROFILE_TEXT = `[profile ${CACHED_PROFILE}]\nrole_arn = ${roleArn('bench-dev')}\nsource_profile = base\nregion = us-east-1\n`;

/** The AWS CLI cache file (relative to HOME) holding fresh credentials for role `arn` with no session name. */
export function freshCacheEntry(arn: string, now: Date): Record<string, string> {
  const key = assumeRoleCacheKey({ RoleArn: arn });
  const entry = stsCacheEntry({
    credentials: {
      accessKeyId: 'ASIABENCHCACHED00001',
      secretAccessKey: 'bench-cached-secret',
      sessionToken: 'bench-cached-token',
      expiration: new Date(now.getTime() + 3600_000),
    },
    assumedRoleUser: { assumedRoleId: 'AROABENCH:botocore-session', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/bench-dev/botocore-session` },
    requestId: 'bench',
  });
  return { [`.aws/cli/cache/${key}.json`]: serializeCacheEntry(entry) };
}

export interface HomeSet {
  /** dev (role over base) with a fresh cache entry. */
  cachedRole: string;
  /** The same, inside a config of `bigCount` other profiles. */
  cachedRoleBig: string;
  /** base alone (static keys) plus dev WITHOUT a cache entry (the cold cases start here). */
  cold: string;
  bigCount: number;
  cleanup(): void;
}

export function makeHomes(options: { bigCount: number; now?: Date }): HomeSet {
  const now = options.now ?? new Date();
  const small = `[profile base]\nregion = us-east-1\n\n${CACHED_PROFILE_TEXT}`;
  const cachedRole = tempHome({ '.aws/config': small, '.aws/credentials': credentialsFile(), ...freshCacheEntry(roleArn('bench-dev'), now) });
  const cachedRoleBig = tempHome({
    '.aws/config': `${manyProfilesConfig(options.bigCount)}\n${CACHED_PROFILE_TEXT}`,
    '.aws/credentials': credentialsFile(),
    ...freshCacheEntry(roleArn('bench-dev'), now),
  });
  const cold = tempHome({ '.aws/config': small, '.aws/credentials': credentialsFile() });
  const homes = [cachedRole, cachedRoleBig, cold];
  return { cachedRole, cachedRoleBig, cold, bigCount: options.bigCount, cleanup: () => homes.forEach(removeHome) };
}

export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true });
}

export function cacheDir(home: string): string {
  return join(home, '.aws', 'cli', 'cache');
}
