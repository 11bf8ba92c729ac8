// Shapes shared by the AWS service clients. Each client is a plain async function taking
// (ctx, target, params); the target says where to call and how hard to try.
import type { Context } from '../io/context.ts';
import type { RetryPolicy, RetryQuota } from './retry.ts';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Absent for long-term keys. */
  expiration?: Date;
  /** Only when the source said so (STS ARN, IMDS extended API, SSO request, container JSON). */
  accountId?: string;
}

/** The slice of the Context the clients use; tests pass just these. */
export type AwsCallContext = Pick<Context, 'http' | 'sleep' | 'random' | 'debug' | 'now'>;

export interface ServiceTarget {
  /** Base URL, already resolved (AWS_ENDPOINT_URL_*, services sections, FIPS… are the resolver's job). */
  endpoint: string;
  /** Per-attempt deadline; defaults per client. */
  timeoutMs?: number;
  /** Defaults to the standard mode with 3 attempts. */
  retry?: RetryPolicy;
  /** Shared token bucket across a whole resolution; a fresh one per call when absent. */
  quota?: RetryQuota;
}

export interface SignedTarget extends ServiceTarget {
  /** The signing region (SigV4 credential scope). */
  region: string;
  credentials: AwsCredentials;
}

export const DEFAULT_SERVICE_TIMEOUT_MS = 10_000;

/** Joins a base endpoint (which may carry a path prefix) and an operation path. */
export function joinUrl(endpoint: string, path: string, query?: Record<string, string | undefined>): string {
  const base = new URL(endpoint);
  const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  base.pathname = `${prefix}${path}`;
  base.search = '';
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) base.searchParams.append(key, value);
  return base.toString();
}
