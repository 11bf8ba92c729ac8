// EC2 instance metadata (IMDSv2 only): a session token from PUT /latest/api/token, then GETs
// carrying it. No fallback to IMDSv1: a 403 on the token means the instance refuses tokens or
// metadata is off, and an unauthenticated retry would only defeat the instance's hardening.
// Credentials follow the cross-SDK "extended API" rules (Ruby/Go test cases):
//   try …/security-credentials-extended/, fall back to …/security-credentials/ on 404 and stay
//   there; a configured name that 404s on both APIs is an invalid profile; a discovered name
//   that later 404s is re-discovered once from the listing.
// Attempts: `attempts` (metadata_service_num_attempts, default 1) bounds network failures, so a
// machine that is not on EC2 falls through fast; a 5xx/429 answer means IMDS is there and busy,
// so those are tried at least 3 times.
import { AwsctlError } from '../errors.ts';
import { isHttpTransportError } from '../io/http-errors.ts';
import { AwsServiceError, isAwsServiceError, malformedResponse } from './service-error.ts';
import { parseJsonObject, optionalString, optionalTime, requireString } from './rest-json.ts';
import { backoffDelayMs } from './retry.ts';
import { joinUrl, type AwsCallContext, type AwsCredentials } from './types.ts';

const IMDS_TOKEN_TTL_SECONDS = 21600;
const DEFAULT_IMDS_TIMEOUT_MS = 1000;
const DEFAULT_IMDS_ATTEMPTS = 1;
const BUSY_ATTEMPTS = 3;
const LEGACY_PATH = '/latest/meta-data/iam/security-credentials/';
const EXTENDED_PATH = '/latest/meta-data/iam/security-credentials-extended/';

interface ImdsTarget {
  /** http://169.254.169.254, http://[fd00:ec2::254] or an override; resolved elsewhere. */
  endpoint: string;
  timeoutMs?: number;
  attempts?: number;
  /** ec2_instance_profile_name / AWS_EC2_INSTANCE_PROFILE_NAME: skips the role listing. */
  profileName?: string;
}

interface ImdsClient {
  fetchCredentials(): Promise<AwsCredentials>;
  fetchRegion(): Promise<string>;
  /** Any metadata path, with the token; the body as text. */
  get(path: string): Promise<string>;
}

const notFound = (error: unknown) => isAwsServiceError(error) && error.status === 404;

/** A client with its own token and discovery state; make one per resolution. */
export function createImdsClient(ctx: AwsCallContext, target: ImdsTarget): ImdsClient {
  const timeoutMs = target.timeoutMs ?? DEFAULT_IMDS_TIMEOUT_MS;
  const networkAttempts = Math.max(1, target.attempts ?? DEFAULT_IMDS_ATTEMPTS);
  let token: { value: string; expiresAtMs: number } | undefined;
  let api: 'extended' | 'legacy' = 'extended';
  let discoveredName: string | undefined;

  async function send(method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await ctx.http.send({ method, url: joinUrl(target.endpoint, path), headers, timeoutMs });
        if (response.status === 200) return response.body;
        throw new AwsServiceError({ service: 'imds', operation: `${method} ${path}`, status: response.status, code: `HTTP ${response.status}`, message: '' });
      } catch (error) {
        const busy = isAwsServiceError(error) && (error.status >= 500 || error.status === 429);
        const network = isHttpTransportError(error) && ['timeout', 'reset', 'connect'].includes(error.kind);
        const limit = busy ? Math.max(BUSY_ATTEMPTS, networkAttempts) : network ? networkAttempts : 1;
        if (attempt >= limit) throw error;
        await ctx.sleep(backoffDelayMs(attempt - 1, 'transient', ctx.random));
      }
    }
  }

  async function sessionToken(): Promise<string> {
    const nowMs = ctx.now().getTime();
    if (token && token.expiresAtMs - 60_000 > nowMs) return token.value;
    try {
      const value = await send('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': String(IMDS_TOKEN_TTL_SECONDS) });
      token = { value: value.trim(), expiresAtMs: nowMs + IMDS_TOKEN_TTL_SECONDS * 1000 };
      return token.value;
    } catch (error) {
      throw tokenFailure(error, target.endpoint);
    }
  }

  async function get(path: string): Promise<string> {
    try {
      return await send('GET', path, { 'x-aws-ec2-metadata-token': await sessionToken() });
    } catch (error) {
      // 401: the token expired or was revoked under us; one fresh token, then give up.
      if (!(isAwsServiceError(error) && error.status === 401)) throw error;
      token = undefined;
      return send('GET', path, { 'x-aws-ec2-metadata-token': await sessionToken() });
    }
  }

  const basePath = () => (api === 'extended' ? EXTENDED_PATH : LEGACY_PATH);

  async function discoverName(): Promise<string> {
    let listing: string;
    try {
      listing = await get(basePath());
    } catch (error) {
      if (!notFound(error)) throw error;
      if (api === 'legacy') throw noRole();
      api = 'legacy';
      listing = await get(LEGACY_PATH).catch((e: unknown) => Promise.reject(notFound(e) ? noRole() : e));
    }
    const name = listing.split('\n')[0]?.trim();
    if (!name) throw noRole();
    return name;
  }

  async function fetchFor(name: string): Promise<AwsCredentials> {
    return parseImdsCredentials(await get(`${basePath()}${encodeURIComponent(name)}`));
  }

  async function fetchConfigured(name: string): Promise<AwsCredentials> {
    try {
      return await fetchFor(name);
    } catch (error) {
      if (!notFound(error)) throw error;
      if (api === 'extended') {
        api = 'legacy';
        try {
          return await fetchFor(name);
        } catch (legacyError) {
          if (!notFound(legacyError)) throw legacyError;
        }
      }
      throw invalidProfile(name);
    }
  }

  async function fetchDiscovered(): Promise<AwsCredentials> {
    const remembered = discoveredName;
    discoveredName = remembered ?? (await discoverName());
    try {
      return await fetchFor(discoveredName);
    } catch (error) {
      if (!notFound(error) || remembered === undefined) throw error;
      // The instance profile changed since we listed it ("unstable profile"): list again, once.
      discoveredName = await discoverName();
      return fetchFor(discoveredName);
    }
  }

  return {
    fetchCredentials: () => (target.profileName ? fetchConfigured(target.profileName) : fetchDiscovered()),
    fetchRegion: async () => {
      const region = (await get('/latest/meta-data/placement/region')).trim();
      if (!region) throw malformedResponse('imds', 'region', 'empty region');
      return region;
    },
    get,
  };
}

function tokenFailure(error: unknown, endpoint: string): unknown {
  if (isAwsServiceError(error) && error.status === 403) {
    return new AwsctlError('instance metadata', `IMDS refused a session token (HTTP 403) at ${endpoint}: metadata access is disabled on this instance`, {
      hint: 'awsctl uses IMDSv2 only; enable the metadata service (http-endpoint) or use another credential source',
    });
  }
  if (isHttpTransportError(error) && ['timeout', 'connect', 'reset'].includes(error.kind)) {
    return new AwsctlError('instance metadata', `no instance metadata service at ${endpoint} (${error.why})`, { notConfigured: true, cause: error });
  }
  return error;
}

function noRole(): AwsctlError {
  return new AwsctlError('instance metadata', 'no IAM role is attached to this instance', { notConfigured: true });
}

function invalidProfile(name: string): AwsctlError {
  return new AwsctlError('instance metadata', `instance profile "${name}" was not found on either the extended or the legacy credentials API`, {
    hint: 'check ec2_instance_profile_name / AWS_EC2_INSTANCE_PROFILE_NAME',
  });
}

export function parseImdsCredentials(body: string): AwsCredentials {
  const op = 'security-credentials';
  const json = parseJsonObject(body, 'imds', op);
  const code = optionalString(json, 'Code');
  if (code !== undefined && code !== 'Success') throw new AwsctlError('instance metadata', `credentials not available (Code: ${code})`);
  const expiration = optionalTime(json, 'Expiration', 'imds', op);
  const credentials: AwsCredentials = {
    accessKeyId: requireString(json, 'AccessKeyId', 'imds', op),
    secretAccessKey: requireString(json, 'SecretAccessKey', 'imds', op),
    sessionToken: requireString(json, 'Token', 'imds', op),
    expiration,
  };
  const accountId = optionalString(json, 'AccountId');
  return accountId ? { ...credentials, accountId } : credentials;
}
