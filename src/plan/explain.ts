// `awsctl explain`: the plan as text lines for people and as JSON (`version: 1`) for tools.
// No network, no disk. Secrets never appear: an access key id shows only its last 4
// characters, secrets and session tokens are reduced to "set", the container authorization
// token is hidden, and credential_process arguments (which often carry secrets) are hidden.
import { sha1Hex } from '../cache/sha1.ts';
import type { AwsctlError } from '../errors.ts';
import { isPlanError } from './plan-error.ts';
import { isAwsOwnedHost } from './portal-hosts.ts';
import type { BaseSource, ChainPlan, ChainStep, RoleHop, StaticKeys } from './types.ts';

/** The AWS CLI's assume-role cache key (src/cache/cli-cache-key.ts `assumeRoleCacheKey`). */
type AssumeRoleCacheKeyFn = (args: Record<string, unknown>) => string;

/** What the explain command found on disk for a login session (explain itself reads nothing). */
export interface LoginSessionView {
  file: string;
  /** accessToken.expiresAt as the file says it. */
  expiresAt?: string;
  /** Where a refresh would go: the recorded signInRegion, else the profile's, else the resolved region. */
  refreshRegion?: string;
  /** "valid", "refresh due", "missing", or why it cannot be used. */
  state: string;
}

interface ExplainOptions {
  /** Pass `assumeRoleCacheKey` from src/cache/cli-cache-key.ts; without it keys show as unknown. */
  assumeRoleCacheKey?: AssumeRoleCacheKeyFn;
  /** Looks at a login session's cache file; without it only the session ARN is shown. */
  loginSession?: (base: Extract<BaseSource, { kind: 'login-session' }>) => LoginSessionView;
}

interface ExplainStep {
  step: ChainStep['step'];
  status: ChainStep['status'];
  /** False for steps after the one that claims the request (or after a broken one). */
  reached: boolean;
  reason?: string;
  error?: { code?: string; message: string };
  base?: Record<string, unknown>;
  hops?: Record<string, unknown>[];
}

interface ExplainJson {
  version: 1;
  profile: { name: string; origin: string };
  outcome: { step: string } | { error: { code?: string; message: string } } | { none: true };
  steps: ExplainStep[];
  /**
   * Where another major AWS SDK (JavaScript v3, Go v2, Rust) would read the same files and
   * environment differently; awsctl follows the AWS CLI. Empty when they all agree.
   */
  crossSdkNotes: { sdk: string; wouldUse: string; because: string }[];
}

interface Explanation {
  lines: string[];
  json: ExplainJson;
}

function isVanityStartUrl(startUrl: string): boolean {
  try {
    return !isAwsOwnedHost(new URL(startUrl).hostname);
  } catch {
    return false;
  }
}

export function redactAccessKeyId(id: string): string {
  return id.length > 4 ? `****${id.slice(-4)}` : '****';
}

/** The arguments the AWS CLI hashes for its assume-role cache key (botocore AssumeRoleCredentialFetcher). */
export function assumeRoleCacheArgs(hop: RoleHop): Record<string, unknown> {
  const args: Record<string, unknown> = { RoleArn: hop.roleArn };
  if (hop.roleSessionName !== undefined) args.RoleSessionName = hop.roleSessionName;
  if (hop.externalId !== undefined) args.ExternalId = hop.externalId;
  if (hop.mfaSerial !== undefined) args.SerialNumber = hop.mfaSerial;
  if (hop.durationSeconds !== undefined) args.DurationSeconds = hop.durationSeconds;
  return args;
}

/** ~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL for legacy profiles>.json */
export function ssoTokenCacheFile(base: { ssoSession?: string; startUrl: string }): string {
  const hash = sha1Hex(base.ssoSession ?? base.startUrl);
  return `~/.aws/sso/cache/${hash}.json`;
}

function keysView(keys: StaticKeys): Record<string, unknown> {
  const view: Record<string, unknown> = {
    accessKeyId: redactAccessKeyId(keys.accessKeyId),
    secretAccessKey: 'set',
    sessionToken: keys.sessionToken !== undefined ? 'set' : 'none',
  };
  if (keys.accountId !== undefined) view.accountId = keys.accountId;
  return view;
}

function commandView(command: string): string {
  const [program, ...rest] = command.trim().split(/\s+/);
  return rest.length > 0 ? `${program} (${rest.length} argument${rest.length > 1 ? 's' : ''} hidden)` : (program ?? '');
}

function baseView(base: BaseSource, options: ExplainOptions = {}): Record<string, unknown> {
  switch (base.kind) {
    case 'environment':
      return { kind: base.kind, ...keysView(base.keys), ...(base.expiration ? { expiration: base.expiration } : {}) };
    case 'static':
      return { kind: base.kind, profile: base.profile, ...keysView(base.keys) };
    case 'web-identity':
      return { ...base, origin: undefined };
    case 'sso':
      return {
        kind: base.kind,
        profile: base.profile,
        ssoSession: base.ssoSession,
        startUrl: base.startUrl,
        ssoRegion: base.ssoRegion,
        accountId: base.accountId,
        roleName: base.roleName,
        // A custom-domain start URL: `awsctl login` follows one redirect to the AWS-owned portal and takes its region (AWS CLI 2.35.13+).
        startUrlResolution: isVanityStartUrl(base.startUrl) ? 'custom domain: at sign-in, one redirect to the AWS-owned portal names the region' : undefined,
        cache: { kind: 'sso-token', file: ssoTokenCacheFile(base) },
      };
    case 'credential-process':
      return { kind: base.kind, profile: base.profile, command: commandView(base.command), accountId: base.accountId };
    case 'login-session':
      return {
        kind: base.kind,
        profile: base.profile,
        loginSessionArn: base.loginSessionArn,
        ...(options.loginSession ? { cache: { kind: 'login-session', ...options.loginSession(base) } } : {}),
      };
    case 'stored-keys':
      return {
        kind: base.kind,
        profile: base.profile,
        store: base.store,
        mfaSerial: base.mfaSerial,
        handedOut: 'sts:GetSessionToken session',
        sessionDurationSeconds: base.sessionDurationSeconds,
        sessionCache: base.sessionInStore ? 'store' : 'file',
      };
    case 'container':
      return { kind: base.kind, ...containerView(base.container) };
    case 'imds':
      return { kind: base.kind, ...base.imds };
    case 'credential-source':
      if (base.source === 'Environment') return { kind: base.kind, profile: base.profile, source: base.source, ...keysView(base.keys) };
      if (base.source === 'EcsContainer') return { kind: base.kind, profile: base.profile, source: base.source, ...containerView(base.container) };
      return { kind: base.kind, profile: base.profile, source: base.source, ...base.imds };
  }
}

function containerView(container: Extract<BaseSource, { kind: 'container' }>['container']): Record<string, unknown> {
  return {
    uri: container.uri,
    variable: container.variable,
    hostNeedingLoopbackCheck: container.hostNeedingLoopbackCheck,
    authorization:
      container.authorizationTokenFile !== undefined
        ? `token file ${container.authorizationTokenFile}`
        : container.authorizationToken !== undefined
          ? 'AWS_CONTAINER_AUTHORIZATION_TOKEN (hidden)'
          : 'none',
  };
}

function hopView(hop: RoleHop, options: ExplainOptions): Record<string, unknown> {
  const args = assumeRoleCacheArgs(hop);
  const key = options.assumeRoleCacheKey?.(args);
  return {
    roleArn: hop.roleArn,
    profile: hop.profile,
    externalId: hop.externalId,
    mfaSerial: hop.mfaSerial,
    durationSeconds: hop.durationSeconds,
    roleSessionName: hop.roleSessionName,
    cache: { kind: 'aws-cli-assume-role', args, key, file: key !== undefined ? `~/.aws/cli/cache/${key}.json` : undefined },
  };
}

function errorView(error: AwsctlError): { code?: string; message: string } {
  return isPlanError(error) ? { code: error.code, message: error.message } : { message: error.message };
}

/** Removes undefined fields so the JSON only says what is known. */
function compact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function explain(plan: ChainPlan, options: ExplainOptions = {}): Explanation {
  let decided = false;
  let outcome: ExplainJson['outcome'] = { none: true };
  const steps = plan.steps.map((step): ExplainStep => {
    const view: ExplainStep = { step: step.step, status: step.status, reached: !decided };
    if (step.status === 'skip') view.reason = step.reason;
    if (step.status === 'broken') view.error = errorView(step.error);
    if (step.status === 'try') {
      view.base = baseView(step.chain.base, options);
      view.hops = step.chain.hops.map((hop) => hopView(hop, options));
    }
    if (!decided && step.status !== 'skip') {
      decided = true;
      outcome = step.status === 'try' ? { step: step.step } : { error: errorView(step.error) };
    }
    return view;
  });
  const json = compact<ExplainJson>({ version: 1, profile: { ...plan.profile }, outcome, steps, crossSdkNotes: plan.notes.map((n) => ({ ...n })) });
  return { lines: explainLines(json), json };
}

function describe(fields: Record<string, unknown> | undefined, skip: string[]): string {
  if (!fields) return '';
  return Object.entries(fields)
    .filter(([key, value]) => !skip.includes(key) && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
}

function explainLines(json: ExplainJson): string[] {
  const lines = [`profile ${json.profile.name} (from ${json.profile.origin})`];
  json.steps.forEach((step, index) => {
    const head = `${index + 1}. ${step.step}`;
    if (!step.reached) lines.push(`${head}: not reached`);
    else if (step.status === 'skip') lines.push(`${head}: skipped — ${step.reason}`);
    else if (step.status === 'broken') lines.push(`${head}: stops the chain — ${step.error?.message}`);
    else {
      lines.push(`${head}: used`);
      lines.push(`   base: ${String(step.base?.kind)}${describe(step.base, ['kind']) ? ` (${describe(step.base, ['kind'])})` : ''}`);
      const cache = step.base?.cache as (Partial<LoginSessionView> & { kind?: string }) | undefined;
      if (cache?.file) lines.push(`         cache: ${cache.file}`);
      if (cache?.kind === 'login-session') {
        const expiry = cache.expiresAt ? `, keys expire ${cache.expiresAt}` : '';
        lines.push(`         session: ${cache.state}${expiry}; refreshes in ${cache.refreshRegion ?? '(no region known)'}`);
      }
      step.hops?.forEach((hop, hopIndex) => {
        lines.push(`   hop ${hopIndex + 1}: assume ${String(hop.roleArn)} (${describe(hop, ['roleArn'])})`);
        const hopCache = hop.cache as { file?: string } | undefined;
        lines.push(`         cache: ${hopCache?.file ?? 'AWS CLI cache key unknown'}`);
      });
    }
  });
  if ('none' in json.outcome) lines.push('no credential source is configured');
  for (const note of json.crossSdkNotes)
    lines.push(`note: the AWS SDK for ${note.sdk} would use ${note.wouldUse}: ${note.because}; awsctl follows the AWS CLI`);
  return lines;
}
