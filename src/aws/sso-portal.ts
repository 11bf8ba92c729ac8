// The IAM Identity Center portal (https://portal.sso.<sso_region>.amazonaws.com), REST-JSON with
// the access token in the x-amz-sso_bearer_token header: role credentials, account and role
// listings (paginated with nextToken), and Logout. 429 TooManyRequestsException is retried by
// the standard retry mode; 401 UnauthorizedException means the SSO token is no longer valid.
import { malformedResponse } from './service-error.ts';
import { callJson, optionalString, requireEpochDate, requireString } from './rest-json.ts';
import type { AwsCallContext, AwsCredentials, ServiceTarget } from './types.ts';

const service = 'sso';
const bearer = (accessToken: string) => ({ 'x-amz-sso_bearer_token': accessToken });

interface SsoAccount {
  accountId: string;
  accountName?: string;
  emailAddress?: string;
}

interface SsoRole {
  accountId: string;
  roleName: string;
}

interface Page<T> {
  items: T[];
  nextToken?: string;
}

export async function getRoleCredentials(
  ctx: AwsCallContext,
  target: ServiceTarget,
  params: { accessToken: string; roleName: string; accountId: string },
): Promise<AwsCredentials> {
  const reply = await callJson(ctx, target, {
    service,
    operation: 'GetRoleCredentials',
    method: 'GET',
    path: '/federation/credentials',
    query: { role_name: params.roleName, account_id: params.accountId },
    headers: bearer(params.accessToken),
  });
  const role = reply.roleCredentials;
  if (typeof role !== 'object' || role === null) throw malformedResponse(service, 'GetRoleCredentials', 'missing "roleCredentials"');
  const fields = role as Record<string, unknown>;
  const op = 'GetRoleCredentials';
  return {
    accessKeyId: requireString(fields, 'accessKeyId', service, op),
    secretAccessKey: requireString(fields, 'secretAccessKey', service, op),
    sessionToken: requireString(fields, 'sessionToken', service, op),
    // The portal speaks epoch milliseconds.
    expiration: requireEpochDate(fields, 'expiration', 1, service, op),
    accountId: params.accountId,
  };
}

function listOf(reply: Record<string, unknown>, field: string, operation: string): Record<string, unknown>[] {
  const list = reply[field] ?? [];
  if (!Array.isArray(list)) throw malformedResponse(service, operation, `"${field}" is not a list`);
  return list.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null);
}

async function listAccounts(
  ctx: AwsCallContext,
  target: ServiceTarget,
  params: { accessToken: string; maxResults?: number; nextToken?: string },
): Promise<Page<SsoAccount>> {
  const reply = await callJson(ctx, target, {
    service,
    operation: 'ListAccounts',
    method: 'GET',
    path: '/assignment/accounts',
    query: { max_result: params.maxResults === undefined ? undefined : String(params.maxResults), next_token: params.nextToken },
    headers: bearer(params.accessToken),
  });
  const items = listOf(reply, 'accountList', 'ListAccounts').map((a) => ({
    accountId: requireString(a, 'accountId', service, 'ListAccounts'),
    accountName: optionalString(a, 'accountName'),
    emailAddress: optionalString(a, 'emailAddress'),
  }));
  return { items, nextToken: optionalString(reply, 'nextToken') };
}

export async function listAccountRoles(
  ctx: AwsCallContext,
  target: ServiceTarget,
  params: { accessToken: string; accountId: string; maxResults?: number; nextToken?: string },
): Promise<Page<SsoRole>> {
  const reply = await callJson(ctx, target, {
    service,
    operation: 'ListAccountRoles',
    method: 'GET',
    path: '/assignment/roles',
    query: {
      account_id: params.accountId,
      max_result: params.maxResults === undefined ? undefined : String(params.maxResults),
      next_token: params.nextToken,
    },
    headers: bearer(params.accessToken),
  });
  const items = listOf(reply, 'roleList', 'ListAccountRoles').map((r) => ({
    accountId: optionalString(r, 'accountId') ?? params.accountId,
    roleName: requireString(r, 'roleName', service, 'ListAccountRoles'),
  }));
  return { items, nextToken: optionalString(reply, 'nextToken') };
}

export async function logout(ctx: AwsCallContext, target: ServiceTarget, params: { accessToken: string }): Promise<void> {
  await callJson(ctx, target, { service, operation: 'Logout', method: 'POST', path: '/logout', headers: bearer(params.accessToken) });
}

/** Follows nextToken until the end; `maxPages` bounds a server that never stops paginating. */
async function collectPages<T>(fetchPage: (nextToken: string | undefined) => Promise<Page<T>>, maxPages = 1000): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(nextToken);
    all.push(...result.items);
    if (!result.nextToken || result.nextToken === nextToken) return all;
    nextToken = result.nextToken;
  }
  throw malformedResponse(service, 'pagination', `more than ${maxPages} pages; stopping`);
}

export async function listAllAccounts(ctx: AwsCallContext, target: ServiceTarget, accessToken: string): Promise<SsoAccount[]> {
  return collectPages((nextToken) => listAccounts(ctx, target, { accessToken, nextToken }));
}

export async function listAllAccountRoles(ctx: AwsCallContext, target: ServiceTarget, accessToken: string, accountId: string): Promise<SsoRole[]> {
  return collectPages((nextToken) => listAccountRoles(ctx, target, { accessToken, accountId, nextToken }));
}
