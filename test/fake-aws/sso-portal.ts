// A fake IAM Identity Center portal: role credentials, paginated account and role listings and
// Logout, all behind the x-amz-sso_bearer_token header. `throttleNext(n)` answers the next n
// requests with 429 TooManyRequestsException, as the real portal does under `sso populate` load.
import { json, startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';

export interface FakeAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface FakeSsoPortal extends FakeServer {
  accounts: FakeAccount[];
  accessTokens: Set<string>;
  pageSize: number;
  loggedOut: string[];
  throttleNext(count: number): void;
}

export interface FakeSsoPortalOptions extends ServerOptions {
  accounts?: FakeAccount[];
  accessTokens?: Set<string>;
  now?: () => Date;
}

export const DEFAULT_FAKE_ACCOUNTS: FakeAccount[] = [
  { accountId: '111111111111', accountName: 'Production', emailAddress: 'prod@example.com', roles: ['AdministratorAccess', 'ReadOnly'] },
  { accountId: '222222222222', accountName: 'Staging', emailAddress: 'staging@example.com', roles: ['Developer'] },
  { accountId: '012345678901', accountName: 'Sandbox', emailAddress: 'sandbox@example.com', roles: ['Developer', 'ReadOnly'] },
];

const portalError = (status: number, type: string, message: string): Reply => json(status, { message }, { 'x-amzn-errortype': type });

function page<T>(items: T[], query: Record<string, string>, pageSize: number): { slice: T[]; nextToken?: string } {
  const start = query.next_token ? Number(Buffer.from(query.next_token, 'base64url').toString()) : 0;
  const size = Math.min(pageSize, Number(query.max_result ?? pageSize) || pageSize);
  const end = start + size;
  return { slice: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}

export async function startFakeSsoPortal(options: FakeSsoPortalOptions = {}): Promise<FakeSsoPortal> {
  const now = options.now ?? (() => new Date());
  let issued = 0;
  let fake: FakeSsoPortal;

  function handle(request: RecordedRequest): Reply {
    const token = request.headers['x-amz-sso_bearer_token'];
    if (!token || !fake.accessTokens.has(token)) return portalError(401, 'UnauthorizedException', 'Session token not found or invalid');
    const q = request.query;
    if (request.method === 'POST' && request.path === '/logout') {
      fake.accessTokens.delete(token);
      fake.loggedOut.push(token);
      return { status: 200 };
    }
    if (request.method !== 'GET') return portalError(400, 'InvalidRequestException', 'unsupported method');
    if (request.path === '/federation/credentials') {
      const account = fake.accounts.find((a) => a.accountId === q.account_id);
      if (!account?.roles.includes(q.role_name ?? '')) return portalError(403, 'ForbiddenException', 'No access');
      issued++;
      return json(200, {
        roleCredentials: {
          accessKeyId: `ASIAPORT${String(issued).padStart(12, '0')}`,
          secretAccessKey: `portal-secret-${issued}`,
          sessionToken: `portal-token-${issued}`,
          expiration: now().getTime() + 3600_000,
        },
      });
    }
    if (request.path === '/assignment/accounts') {
      const { slice, nextToken } = page(fake.accounts, q, fake.pageSize);
      return json(200, { accountList: slice.map(({ roles: _roles, ...a }) => a), ...(nextToken ? { nextToken } : {}) });
    }
    if (request.path === '/assignment/roles') {
      const account = fake.accounts.find((a) => a.accountId === q.account_id);
      if (!account) return portalError(404, 'ResourceNotFoundException', 'account not found');
      const { slice, nextToken } = page(account.roles, q, fake.pageSize);
      return json(200, { roleList: slice.map((roleName) => ({ roleName, accountId: account.accountId })), ...(nextToken ? { nextToken } : {}) });
    }
    return portalError(404, 'ResourceNotFoundException', `no route ${request.path}`);
  }

  const server = await startFakeServer(handle, options);
  fake = Object.assign(server, {
    accounts: options.accounts ?? DEFAULT_FAKE_ACCOUNTS.map((a) => ({ ...a, roles: [...a.roles] })),
    accessTokens: options.accessTokens ?? new Set<string>(),
    pageSize: 2,
    loggedOut: [] as string[],
    throttleNext(count: number) {
      for (let i = 0; i < count; i++) server.script({ kind: 'reply', ...portalError(429, 'TooManyRequestsException', 'Rate exceeded') });
    },
  });
  return fake;
}
