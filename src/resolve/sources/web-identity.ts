// AssumeRoleWithWebIdentity (EKS IRSA, GitHub Actions OIDC…): the token file is read at call
// time, every time, because the platform rotates it in place. The call is unsigned (the token
// is the proof) and cached under the AWS CLI's web-identity key.
import type { AwsCredentials } from '../../aws/types.ts';
import { webIdentityCacheKey } from '../../cache/cli-cache-key.ts';
import { stsCacheEntry, type CachedCredentials } from '../../cache/credential-cache.ts';
import { AwsctlError } from '../../errors.ts';
import type { BaseSource } from '../../plan/types.ts';
import { cachedCredentials } from '../cache.ts';
import { generatedSessionName, stsTarget, type RunState } from '../state.ts';

type WebIdentity = Extract<BaseSource, { kind: 'web-identity' }>;

function where(base: WebIdentity): string {
  return base.from === 'environment' ? 'AWS_WEB_IDENTITY_TOKEN_FILE' : `profile ${base.profile}`;
}

function readToken(state: RunState, base: WebIdentity): string {
  let bytes: Buffer | undefined;
  try {
    bytes = state.ctx.fs.readFile(base.tokenFile);
  } catch (error) {
    throw new AwsctlError(`web identity (${where(base)})`, `cannot read the token file ${base.tokenFile}: ${(error as Error).message}`, {
      profile: base.profile,
      cause: error,
    });
  }
  const token = bytes?.toString('utf8').trim();
  if (!token) {
    const why = bytes === undefined ? 'does not exist' : 'is empty';
    throw new AwsctlError(`web identity (${where(base)})`, `the token file ${base.tokenFile} ${why}`, {
      hint: 'check web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE (the platform writes and rotates it)',
      profile: base.profile,
    });
  }
  return token;
}

export function webIdentityCredentials(state: RunState, base: WebIdentity): Promise<AwsCredentials> {
  const keyInput = base.roleSessionName === undefined ? { roleArn: base.roleArn } : { roleArn: base.roleArn, roleSessionName: base.roleSessionName };
  const label = `web identity ${base.roleArn} (${where(base)})`;
  return cachedCredentials(state, { key: webIdentityCacheKey(keyInput), label }, async () => {
    const token = readToken(state, base);
    const target = await stsTarget(state);
    const { assumeRoleWithWebIdentity } = await import('../../aws/sts.ts');
    state.ctx.debug(`${label}: calling sts:AssumeRoleWithWebIdentity`);
    const result = await assumeRoleWithWebIdentity(state.ctx, target, {
      roleArn: base.roleArn,
      roleSessionName: base.roleSessionName ?? generatedSessionName(state.ctx.now()),
      webIdentityToken: token,
    });
    const entry = stsCacheEntry({
      credentials: result.credentials as CachedCredentials,
      assumedRoleUser: { assumedRoleId: result.assumedRoleId ?? '', arn: result.assumedRoleArn },
      requestId: result.requestId,
    });
    return { credentials: result.credentials, entry };
  });
}
