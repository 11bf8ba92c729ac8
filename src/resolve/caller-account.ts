// The account (and partition) of the credentials that assume a bare role name. Known without
// any call where the chain says it: credentials from a role live in that role's account, SSO
// role credentials in their account, keys with aws_account_id in theirs. Otherwise
// sts:GetCallerIdentity, at most once per access key per run, remembered on disk in
// ~/.aws/cli/cache/awsctl-identity-<sha1 hex of the access key id>.json (0600; the account and
// ARN only, never a secret) since an access key never changes account. Entries for temporary
// keys carry their Expiration and are ignored (and cleared by `cache clear`) once it passes.
import { join } from 'node:path';
import type { AwsCredentials } from '../aws/types.ts';
import { cliCacheDir, MAX_CACHE_ENTRY_BYTES, parseCacheTimestamp, formatUtcZ } from '../cache/credential-cache.ts';
import { sha1Hex } from '../cache/sha1.ts';
import { writeSecretFile } from '../io/private-folder.ts';
import { stsTarget, type RunState } from './state.ts';
import type { BaseSource, Plan } from '../plan/types.ts';
import { arnAccount, parseRoleArn } from '../aws/arn.ts';

export interface AccountRef {
  partition: string;
  account: string;
}

function identityCacheKey(accessKeyId: string): string {
  return `awsctl-identity-${sha1Hex(accessKeyId)}`;
}

function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The account of a plan's credentials when the plan alone says it; undefined = ask STS. Pure. */
export function accountFromPlan(plan: Pick<Plan, 'base' | 'hops'>): AccountRef | undefined {
  const last = plan.hops.at(-1);
  if (last) return parseRoleArn(last.roleArn);
  return accountOfBase(plan.base);
}

function accountOfBase(base: BaseSource): AccountRef | undefined {
  switch (base.kind) {
    case 'sso':
      return { partition: partitionOfRegion(base.ssoRegion), account: base.accountId };
    case 'web-identity':
      return parseRoleArn(base.roleArn);
    case 'static':
    case 'environment':
      return base.keys.accountId ? { partition: 'aws', account: base.keys.accountId } : undefined;
    default:
      return undefined;
  }
}

interface IdentityEntry {
  Account: string;
  Arn: string;
  Expiration?: string;
}

function readEntry(state: RunState, path: string): AccountRef | undefined {
  try {
    const bytes = state.ctx.fs.readFile(path, { maxBytes: MAX_CACHE_ENTRY_BYTES });
    if (!bytes) return undefined;
    const entry = JSON.parse(bytes.toString('utf8')) as Partial<IdentityEntry>;
    const expiration = parseCacheTimestamp(entry.Expiration);
    if (entry.Expiration !== undefined && (!expiration || expiration <= state.ctx.now())) return undefined;
    return typeof entry.Arn === 'string' ? arnAccount(entry.Arn) : undefined;
  } catch {
    return undefined; // corrupt: a miss, replaced below
  }
}

/** The account of `credentials`: their accountId, the on-disk identity cache, or GetCallerIdentity. */
export async function accountOfCredentials(state: RunState, credentials: AwsCredentials, memo: Map<string, AccountRef>): Promise<AccountRef> {
  const known = memo.get(credentials.accessKeyId);
  if (known) return known;
  const path = state.home === undefined ? undefined : join(cliCacheDir(state.home), `${identityCacheKey(credentials.accessKeyId)}.json`);
  let account = path && state.useCache ? readEntry(state, path) : undefined;
  if (account) state.ctx.debug(`identity: account ${account.account} of ${credentials.accessKeyId} from the cache`);
  if (!account) {
    const { getCallerIdentity } = await import('../aws/sts.ts');
    state.ctx.debug(`identity: calling sts:GetCallerIdentity for ${credentials.accessKeyId} to find its account`);
    const identity = await getCallerIdentity(state.ctx, { ...(await stsTarget(state)), credentials });
    account = arnAccount(identity.arn) ?? { partition: 'aws', account: identity.account };
    if (path && state.useCache)
      writeEntry(state, path, {
        Account: identity.account,
        Arn: identity.arn,
        ...(credentials.expiration ? { Expiration: formatUtcZ(credentials.expiration) } : {}),
      });
  }
  memo.set(credentials.accessKeyId, account);
  return account;
}

function writeEntry(state: RunState, path: string, entry: IdentityEntry): void {
  try {
    writeSecretFile(state.ctx.fs, path, `${JSON.stringify(entry)}\n`);
  } catch (error) {
    state.ctx.debug(`identity: could not store ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
