// The clients the response fuzz drives, each with a well-formed answer carrying a marked secret
// (FUZZSECRET…) that the fuzz mangles.
import type { AwsCredentials } from '../../src/aws/types.ts';
import type { TestContext } from '../helpers/context.ts';

export type ClientName = 'sts:AssumeRole' | 'sso:GetRoleCredentials' | 'sso-oidc:CreateToken' | 'imds' | 'container';

interface FuzzClient {
  json: boolean;
  valid: string;
  call(ctx: TestContext, url: string): Promise<AwsCredentials>;
}

const noRetry = { mode: 'standard' as const, maxAttempts: 1 };
const KEYS = { accessKeyId: 'AKIAFUZZBASE00000001', secretAccessKey: 'base-secret' };

export function createContainerTarget(url: string) {
  return { uri: `${url}/v1/credentials`, timeoutMs: 2000, retry: noRetry };
}

export const clients: Record<ClientName, FuzzClient> = {
  'sts:AssumeRole': {
    json: false,
    valid:
      '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROAX:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/R/s</Arn></AssumedRoleUser><Credentials><AccessKeyId>ASIAFUZZ000000000001</AccessKeyId><SecretAccessKey>FUZZSECRET-sts-secret-key</SecretAccessKey><SessionToken>FUZZSECRET-sts-session-token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>',
    call: async (ctx, url) => {
      const { assumeRole } = await import('../../src/aws/sts.ts');
      return (
        await assumeRole(
          ctx,
          { endpoint: url, region: 'us-east-1', credentials: KEYS, timeoutMs: 2000, retry: noRetry },
          { roleArn: 'arn:aws:iam::123456789012:role/R', roleSessionName: 's' },
        )
      ).credentials;
    },
  },
  'sso:GetRoleCredentials': {
    json: true,
    valid:
      '{"roleCredentials":{"accessKeyId":"ASIAFUZZ000000000002","secretAccessKey":"FUZZSECRET-portal-secret","sessionToken":"FUZZSECRET-portal-token","expiration":1893456000000}}',
    call: async (ctx, url) => {
      const { getRoleCredentials } = await import('../../src/aws/sso-portal.ts');
      return getRoleCredentials(ctx, { endpoint: url, timeoutMs: 2000, retry: noRetry }, { accessToken: 'tok', roleName: 'R', accountId: '123456789012' });
    },
  },
  'sso-oidc:CreateToken': {
    json: true,
    valid:
      '{"accessToken":"FUZZSECRET-access-token","tokenType":"Bearer","expiresIn":3600,"refreshToken":"FUZZSECRET-refresh-token","idToken":"FUZZSECRET-id"}',
    call: async (ctx, url) => {
      const { createToken, REFRESH_TOKEN_GRANT } = await import('../../src/aws/sso-oidc.ts');
      const token = await createToken(
        ctx,
        { endpoint: url, timeoutMs: 2000, retry: noRetry },
        { grantType: REFRESH_TOKEN_GRANT, clientId: 'c', clientSecret: 's', refreshToken: 'r' },
      );
      if (typeof token.accessToken !== 'string' || !Number.isFinite(token.expiresIn))
        throw new Error(`CreateToken returned a malformed token result: ${typeof token.accessToken}, ${token.expiresIn}`);
      // Shaped as credentials so one property serves every client.
      return { accessKeyId: token.accessToken, secretAccessKey: token.refreshToken ?? '' };
    },
  },
  imds: {
    json: true,
    valid:
      '{"Code":"Success","LastUpdated":"2030-01-01T00:00:00Z","Type":"AWS-HMAC","AccessKeyId":"ASIAFUZZ000000000003","SecretAccessKey":"FUZZSECRET-imds-secret","Token":"FUZZSECRET-imds-token","Expiration":"2030-01-01T06:00:00Z"}',
    call: async (ctx, url) => {
      // The whole IMDSv2 exchange; the server answers the token and the role listing itself and
      // hands the fuzzed body to the credential document request.
      const { createImdsClient } = await import('../../src/aws/imds.ts');
      return createImdsClient(ctx, { endpoint: url, timeoutMs: 2000 }).fetchCredentials();
    },
  },
  container: {
    json: true,
    valid:
      '{"AccessKeyId":"ASIAFUZZ000000000004","SecretAccessKey":"FUZZSECRET-container-secret","Token":"FUZZSECRET-container-token","Expiration":"2030-01-01T00:00:00Z","AccountId":"123456789012"}',
    call: async (ctx, url) => {
      const { fetchContainerCredentials } = await import('../../src/aws/container.ts');
      const fs = { readFile: () => undefined } as unknown as import('../../src/io/context.ts').FileSystem;
      return fetchContainerCredentials({ ...ctx, fs }, createContainerTarget(url));
    },
  },
};
