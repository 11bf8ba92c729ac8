// The ECS / EKS Pod Identity container credentials endpoint: one GET with an optional
// Authorization header. The URI itself (relative vs full, allowed hosts) is the resolver's job.
// Token: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE wins over AWS_CONTAINER_AUTHORIZATION_TOKEN (as in
// aws-sdk-js-v3 and botocore) and is re-read on every attempt, because EKS rotates it in place.
// A trailing newline (files written by `echo`) is dropped; any other CR/LF is refused, since it
// would let the file inject headers.
import { AwsctlError } from '../errors.ts';
import type { Context } from '../io/context.ts';
import { errorFromJsonResponse, optionalString, optionalTime, parseJsonObject, requireString } from './rest-json.ts';
import { withRetries, type RetryPolicy } from './retry.ts';
import type { AwsCallContext, AwsCredentials } from './types.ts';

const DEFAULT_CONTAINER_TIMEOUT_MS = 2000;

interface ContainerTarget {
  /** Full URI, already resolved (http://169.254.170.2<relative> or the FULL_URI). */
  uri: string;
  authToken?: string;
  authTokenFile?: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

type ContainerCallContext = AwsCallContext & Pick<Context, 'fs'>;

export function readAuthorizationToken(ctx: Pick<Context, 'fs'>, target: ContainerTarget): string | undefined {
  let token = target.authToken;
  if (target.authTokenFile) {
    const bytes = ctx.fs.readFile(target.authTokenFile);
    if (bytes === undefined) {
      throw new AwsctlError('container credentials', `authorization token file ${target.authTokenFile} does not exist`, {
        hint: 'check AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
      });
    }
    token = bytes.toString('utf8').replace(/[\r\n]+$/, '');
  }
  if (token !== undefined && /[\r\n\0]/.test(token)) {
    throw new AwsctlError('container credentials', 'the authorization token contains a line break or NUL, which is not allowed in a header');
  }
  return token === '' ? undefined : token;
}

function parseContainerCredentials(body: string): AwsCredentials {
  const op = 'GetCredentials';
  const json = parseJsonObject(body, 'container', op);
  const expiration = optionalTime(json, 'Expiration', 'container', op);
  const credentials: AwsCredentials = {
    accessKeyId: requireString(json, 'AccessKeyId', 'container', op),
    secretAccessKey: requireString(json, 'SecretAccessKey', 'container', op),
    sessionToken: optionalString(json, 'Token'),
    expiration,
  };
  const accountId = optionalString(json, 'AccountId');
  return accountId ? { ...credentials, accountId } : credentials;
}

/** Fetches credentials, retrying 5xx, throttling and network failures per the retry policy (default 3 attempts). */
export async function fetchContainerCredentials(ctx: ContainerCallContext, target: ContainerTarget): Promise<AwsCredentials> {
  const attempt = async () => {
    const token = readAuthorizationToken(ctx, target);
    const response = await ctx.http.send({
      method: 'GET',
      url: target.uri,
      headers: { accept: 'application/json', ...(token ? { authorization: token } : {}) },
      timeoutMs: target.timeoutMs ?? DEFAULT_CONTAINER_TIMEOUT_MS,
    });
    if (response.status !== 200) throw errorFromJsonResponse('container', 'GetCredentials', response.status, response.headers, response.body);
    return parseContainerCredentials(response.body);
  };
  return withRetries(ctx, 'container credentials', attempt, target.retry);
}
