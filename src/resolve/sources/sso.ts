// IAM Identity Center role credentials: the cached SSO token (refreshed with the refresh token
// when due, under a lock, never with a browser) → portal GetRoleCredentials, cached in
// ~/.aws/cli/cache under the AWS CLI's SSO key. The cache is checked before the token is read.
import type { AwsCredentials } from '../../aws/types.ts';
import { ssoRoleCacheKey } from '../../cache/cli-cache-key.ts';
import { ssoRoleCacheEntry, type CachedCredentials } from '../../cache/credential-cache.ts';
import { AwsctlError } from '../../errors.ts';
import { resolveSsoPortalEndpoint } from '../../plan/aws-endpoints.ts';
import type { BaseSource } from '../../plan/types.ts';
import { cachedCredentials } from '../cache.ts';
import { loadSsoAccessToken } from '../sso-token.ts';
import { serviceTarget, type RunState } from '../state.ts';

type Sso = Extract<BaseSource, { kind: 'sso' }>;

const loginHint = (profile: string) => `run \`awsctl login --profile ${profile}\``;

export function ssoCredentials(state: RunState, base: Sso): Promise<AwsCredentials> {
  const keyInput = {
    accountId: base.accountId,
    roleName: base.roleName,
    startUrl: base.startUrl,
    ...(base.ssoSession ? { sessionName: base.ssoSession } : {}),
  };
  const label = `sso role ${base.roleName} in ${base.accountId} (profile ${base.profile})`;
  return cachedCredentials(state, { key: ssoRoleCacheKey(keyInput), label }, async () => {
    const accessToken = await ssoAccessToken(state, base);
    const endpoint = resolveSsoPortalEndpoint(base.ssoRegion, state.endpointContext);
    state.ctx.debug(`${label}: calling sso:GetRoleCredentials at ${endpoint.url}`);
    const { getRoleCredentials } = await import('../../aws/sso-portal.ts');
    const { isAwsServiceError } = await import('../../aws/service-error.ts');
    let credentials: AwsCredentials;
    try {
      credentials = await getRoleCredentials(state.ctx, await serviceTarget(state, endpoint.url), {
        accessToken,
        roleName: base.roleName,
        accountId: base.accountId,
      });
    } catch (error) {
      if (isAwsServiceError(error) && (error.status === 401 || error.code === 'UnauthorizedException')) {
        throw new AwsctlError(`profile ${base.profile}`, 'the SSO sign-in is no longer accepted by IAM Identity Center', {
          hint: loginHint(base.profile),
          profile: base.profile,
          cause: error,
        });
      }
      throw error;
    }
    const entry = ssoRoleCacheEntry({ ...(credentials as CachedCredentials), accountId: base.accountId });
    return { credentials, entry };
  });
}

async function ssoAccessToken(state: RunState, base: Sso): Promise<string> {
  if (state.home === undefined) {
    throw new AwsctlError(`profile ${base.profile}`, 'no home directory is known, so the SSO token cache (~/.aws/sso/cache) cannot be found', {
      hint: 'set HOME',
      profile: base.profile,
    });
  }
  const token = await loadSsoAccessToken(state.ctx, {
    home: state.home,
    sessionName: base.ssoSession,
    startUrl: base.startUrl,
    region: base.ssoRegion,
    endpoints: state.endpointContext,
    loginHint: loginHint(base.profile),
    oidcTarget: (url) => serviceTarget(state, url),
  });
  return token.accessToken;
}
