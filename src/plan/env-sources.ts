// The two default-chain providers that read only the environment: environment keys and
// web identity from AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE. Blank values count as unset.
import type { Env } from '../io/context.ts';
import { PlanError } from './plan-error.ts';
import { envValue, profileValue } from './settings.ts';
import type { Section } from '../profile/model.ts';
import type { BaseSource, StaticKeys } from './types.ts';

type EnvKeysResult = { status: 'ok'; keys: StaticKeys; expiration?: string } | { status: 'absent'; reason: string };

/**
 * AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN, AWS_ACCOUNT_ID,
 * AWS_CREDENTIAL_EXPIRATION). An access key id without a secret is an error, as in the AWS CLI
 * (botocore PartialCredentialsError): it is almost always a half-exported pair. A lone secret
 * or a lone session token (often left over from an earlier session) is treated as absent.
 */
export function readEnvKeys(env: Env): EnvKeysResult {
  const accessKeyId = envValue(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = envValue(env, 'AWS_SECRET_ACCESS_KEY');
  if (accessKeyId === undefined) {
    return { status: 'absent', reason: 'AWS_ACCESS_KEY_ID is not set' };
  }
  if (secretAccessKey === undefined) {
    throw new PlanError('partial-env-keys', 'environment credentials', 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not', {
      hint: 'export AWS_SECRET_ACCESS_KEY too, or unset AWS_ACCESS_KEY_ID',
    });
  }
  const keys: StaticKeys = { accessKeyId, secretAccessKey };
  const sessionToken = envValue(env, 'AWS_SESSION_TOKEN');
  if (sessionToken !== undefined) keys.sessionToken = sessionToken;
  const accountId = envValue(env, 'AWS_ACCOUNT_ID');
  if (accountId !== undefined) keys.accountId = accountId;
  const expiration = envValue(env, 'AWS_CREDENTIAL_EXPIRATION');
  return expiration === undefined ? { status: 'ok', keys } : { status: 'ok', keys, expiration };
}

/**
 * Web identity claimed by the environment (AWS_WEB_IDENTITY_TOKEN_FILE). The role ARN and session
 * name come from AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME, else from the selected profile, as in
 * botocore; a token file with no role ARN anywhere is an error (botocore InvalidConfigError).
 */
export function readEnvWebIdentity(env: Env, profile?: Section): { base: BaseSource } | { reason: string } {
  const tokenFile = envValue(env, 'AWS_WEB_IDENTITY_TOKEN_FILE');
  if (tokenFile === undefined) return { reason: 'AWS_WEB_IDENTITY_TOKEN_FILE is not set' };
  const roleArn = envValue(env, 'AWS_ROLE_ARN') ?? profileValue(profile, 'role_arn');
  if (roleArn === undefined) {
    throw new PlanError(
      'web-identity-without-role',
      'web identity',
      'AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not (and the profile has no role_arn)',
      {
        hint: 'export AWS_ROLE_ARN too, or unset AWS_WEB_IDENTITY_TOKEN_FILE',
      },
    );
  }
  const base: BaseSource = { kind: 'web-identity', from: 'environment', roleArn, tokenFile };
  const sessionName = envValue(env, 'AWS_ROLE_SESSION_NAME') ?? profileValue(profile, 'role_session_name');
  if (sessionName !== undefined) base.roleSessionName = sessionName;
  return { base };
}
