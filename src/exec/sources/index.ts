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
import { ssoCredentials } from './sso.ts';
import { storedKeysCredentials } from './stored-keys.ts';
import { webIdentityCredentials } from './web-identity.ts';

/** `firstHop`: the role the credentials will sign for first, if any (a stored-keys session may not suit it). */
export async function runBase(state: RunState, base: BaseSource, firstHop?: RoleHop): Promise<AwsCredentials> {
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
    case 'login-session':
      throw new AwsctlError(`profile ${base.profile}`, 'login_session (AWS console sign-in sessions) is not supported by awsctl yet', {
        hint: 'use the AWS CLI for this profile, or configure sso_session or keys',
        profile: base.profile,
      });
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
  const signer = hops.length > 1 ? `profile ${(hops[hops.length - 2] as RoleHop).profile}` : base.kind === 'credential-source' ? `credential_source ${base.source}` : 'profile' in base && base.profile ? `profile ${base.profile}` : baseProviderName(base);
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
    default:
      return base.kind;
  }
}
