// A fake EC2 instance metadata service, IMDSv2 only: PUT /latest/api/token needs a TTL header
// (1..21600) and hands out a token; every GET needs a live token (401 otherwise). Serves one role
// on the legacy API and, when `extended` is on, on the extended API with AccountId.
import { json, startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';

export interface FakeImdsOptions extends ServerOptions {
  roleName?: string | null;
  accountId?: string;
  region?: string;
  extended?: boolean;
  /** Answer token requests with 403, like an instance with metadata tokens disabled. */
  tokensForbidden?: boolean;
  now?: () => Date;
}

export interface FakeImds extends FakeServer {
  issuedTokens: string[];
  /** How many credential documents were served. */
  credentialsServed: number;
  /** Revoke every issued token (the next GET gets a 401). */
  revokeTokens(): void;
}

export async function startFakeImds(options: FakeImdsOptions = {}): Promise<FakeImds> {
  const roleName = options.roleName === undefined ? 'fake-instance-role' : options.roleName;
  const now = options.now ?? (() => new Date());
  const live = new Set<string>();
  const issuedTokens: string[] = [];
  let fake: FakeImds;

  function credentials(extended: boolean): Reply {
    fake.credentialsServed++;
    const n = fake.credentialsServed;
    return json(200, {
      Code: 'Success',
      LastUpdated: now().toISOString(),
      Type: 'AWS-HMAC',
      AccessKeyId: `ASIAIMDS${String(n).padStart(12, '0')}`,
      SecretAccessKey: `imds-secret-${n}`,
      Token: `imds-token-${n}`,
      Expiration: new Date(now().getTime() + 6 * 3600_000).toISOString(),
      ...(extended ? { AccountId: options.accountId ?? '123456789012' } : {}),
    });
  }

  function handle(request: RecordedRequest): Reply {
    if (request.path === '/latest/api/token') {
      if (request.method !== 'PUT') return { status: 405 };
      if (options.tokensForbidden) return { status: 403 };
      const ttl = Number(request.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return { status: 400 };
      const token = `fake-imds-session-${issuedTokens.length + 1}`;
      issuedTokens.push(token);
      live.add(token);
      return { status: 200, headers: { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) }, body: token };
    }
    if (request.method !== 'GET') return { status: 405 };
    if (!live.has(request.headers['x-aws-ec2-metadata-token'] ?? '')) return { status: 401 };
    if (request.path === '/latest/meta-data/placement/region') return { status: 200, body: options.region ?? 'us-east-1' };
    for (const [base, extended] of [
      ['/latest/meta-data/iam/security-credentials-extended/', true],
      ['/latest/meta-data/iam/security-credentials/', false],
    ] as const) {
      if (!request.path.startsWith(base)) continue;
      if (extended && !options.extended) return { status: 404 };
      const name = decodeURIComponent(request.path.slice(base.length));
      if (roleName === null) return { status: 404 };
      if (name === '') return { status: 200, body: roleName };
      return name === roleName ? credentials(extended) : { status: 404 };
    }
    return { status: 404 };
  }

  const server = await startFakeServer(handle, options);
  fake = Object.assign(server, { issuedTokens, credentialsServed: 0, revokeTokens: () => live.clear() });
  return fake;
}
