// One base source → credentials. Each kind lives in its own module; this file only dispatches
// and names the provider for `whoami`.
import type { AwsCredentials } from '../../aws/types.ts';
import { AwsctlError } from '../../errors.ts';
import type { BaseSource, RoleHop } from '../../plan/types.ts';
import { runCredentialProcess } from '../credential-process.ts';
import { asBroken, inProfile } from '../errors.ts';
import type { RunState } from '../state.ts';
import { containerCredentials } from './container.ts';
import { imdsCredentials } from './imds.ts';
import { keysToCredentials } from './keys.ts';
import { validCachedLoginSession } from './login-session-cached.ts';
import { ssoCredentials } from './sso.ts';
import { storedKeysCredentials } from './stored-keys.ts';
import { webIdentityCredentials } from './web-identity.ts';

/**
 * Runs a base source. Credentials that are already expired are not credentials: as botocore's
 * RefreshableCredentials does ("refreshed, but the refreshed credentials are still expired"),
 * the source is asked once more, and if the answer is still expired that is an error. So a
 * credential_process printing a past Expiration, or AWS_CREDENTIAL_EXPIRATION in the past,
 * never reaches stdout.
 */
/** `firstHop`: the role the credentials will sign for first, if any (a stored-keys session may not suit it). */
export async function runBase(state: RunState, base: BaseSource, firstHop?: RoleHop): Promise<AwsCredentials> {
  const first = await runBaseOnce(state, base, firstHop);
  if (!isExpired(first, state)) return first;
  state.ctx.debug(`source: ${describeBase(base)} gave credentials that expired at ${first.expiration!.toISOString()}; asking once more`);
  const second = await runBaseOnce(state, base, firstHop);
  if (!isExpired(second, state)) return second;
  const profile = 'profile' in base ? base.profile : undefined;
  throw new AwsctlError(
    profile !== undefined ? `profile ${profile}` : 'credentials',
    `${describeBase(base)} gave credentials that expired at ${second.expiration!.toISOString()}, also when asked again`,
    {
      hint:
        base.kind === 'credential-process'
          ? 'the helper must print a future Expiration (or none for long-term keys); the AWS CLI refuses these too'
          : base.kind === 'environment'
            ? 'export fresh credentials or unset AWS_CREDENTIAL_EXPIRATION'
            : 'refresh the source of these credentials',
      ...(profile !== undefined ? { profile } : {}),
    },
  );
}

function isExpired(credentials: AwsCredentials, state: RunState): boolean {
  return credentials.expiration !== undefined && credentials.expiration.getTime() <= state.ctx.now().getTime();
}

async function runBaseOnce(state: RunState, base: BaseSource, firstHop: RoleHop | undefined): Promise<AwsCredentials> {
  state.ctx.debug(`source: ${describeBase(base)}`);
  switch (base.kind) {
    case 'environment':
      return keysToCredentials(base.keys, base.expiration);
    case 'static':
      return keysToCredentials(base.keys);
    case 'web-identity':
      return webIdentityCredentials(state, base).catch((error: unknown) => Promise.reject(inProfile(base.profile, error)));
    case 'sso':
      return ssoCredentials(state, base).catch((error: unknown) => Promise.reject(inProfile(base.profile, error)));
    case 'credential-process': {
      const request = { profileName: base.profile, commandLine: base.command, ...(base.accountId ? { accountId: base.accountId } : {}) };
      return runCredentialProcess(state.ctx, request);
    }
    case 'stored-keys':
      return storedKeysCredentials(state, base, firstHop);
    case 'login-session': {
      const cached = validCachedLoginSession(state, base);
      if (cached) return cached;
      // Refreshing (DPoP, the token call, the lock) is loaded only when due.
      const { loginSessionSource } = await import('./login-session.ts');
      return loginSessionSource(state, base).catch((error: unknown) => Promise.reject(inProfile(base.profile, error)));
    }
    case 'container':
      return containerCredentials(state, base.container);
    case 'imds':
      return imdsCredentials(state, base.imds);
    case 'credential-source':
      return credentialSource(state, base).catch((error: unknown) => Promise.reject(inProfile(base.profile, asBroken(error))));
  }
}

function credentialSource(state: RunState, base: Extract<BaseSource, { kind: 'credential-source' }>): Promise<AwsCredentials> {
  if (base.source === 'Environment') return Promise.resolve(keysToCredentials(base.keys));
  if (base.source === 'EcsContainer') return containerCredentials(state, base.container);
  return imdsCredentials(state, base.imds);
}

/** For --debug: the source without any secret. */
export function describeBase(base: BaseSource): string {
  switch (base.kind) {
    case 'environment':
      return 'environment keys (AWS_ACCESS_KEY_ID)';
    case 'static':
      return `static keys in profile ${base.profile}`;
    case 'web-identity':
      return `web identity for ${base.roleArn} (${base.from === 'environment' ? 'AWS_ROLE_ARN' : `profile ${base.profile}`})`;
    case 'sso':
      return `SSO role ${base.roleName} in account ${base.accountId} (profile ${base.profile})`;
    case 'credential-process':
      return `credential_process of profile ${base.profile}`;
    case 'stored-keys':
      return `keys of profile ${base.profile} in the ${base.store} store`;
    case 'login-session':
      return `login_session of profile ${base.profile}`;
    case 'container':
      return `container endpoint from ${base.container.variable}`;
    case 'imds':
      return `instance metadata at ${base.imds.endpoint}`;
    case 'credential-source':
      return `credential_source = ${base.source} (profile ${base.profile})`;
  }
}

/** What `whoami` reports as the provider: "env", "static profile dev", "assume-role via profile base", "sso", … */
export function providerName(base: BaseSource, hops: RoleHop[]): string {
  if (hops.length === 0) return baseProviderName(base);
  const signer =
    hops.length > 1
      ? `profile ${(hops[hops.length - 2] as RoleHop).profile}`
      : base.kind === 'credential-source'
        ? `credential_source ${base.source}`
        : 'profile' in base && base.profile
          ? `profile ${base.profile}`
          : baseProviderName(base);
  return `assume-role via ${signer}`;
}

function baseProviderName(base: BaseSource): string {
  switch (base.kind) {
    case 'environment':
      return 'env';
    case 'static':
      return `static profile ${base.profile}`;
    case 'credential-process':
      return 'credential_process';
    case 'stored-keys':
      return `stored keys (${base.store}) profile ${base.profile}`;
    case 'credential-source':
      return `credential_source ${base.source}`;
    case 'login-session':
      return 'login';
    default:
      return base.kind;
  }
}
