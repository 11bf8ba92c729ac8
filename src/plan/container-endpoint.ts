// The container credentials endpoint (ECS task roles, EKS Pod Identity) from the environment.
//
// - AWS_CONTAINER_CREDENTIALS_RELATIVE_URI wins and means http://169.254.170.2<relative>.
// - AWS_CONTAINER_CREDENTIALS_FULL_URI: https to any host; plain http only to a loopback
//   address or to the ECS/EKS link-local agents (169.254.170.2, 169.254.170.23, fd00:ec2::23),
//   because the response carries credentials and must not cross a network in clear text.
// A host NAME over http needs DNS, so the pure parse leaves `hostNeedingLoopbackCheck` for
// `resolveContainerEndpoint`, which takes the lookup as a parameter.
import type { Env } from '../io/context.ts';
import { PlanError } from './plan-error.ts';
import { envValue } from './settings.ts';
import type { ContainerEndpoint } from './types.ts';

const ECS_AGENT_HOST = '169.254.170.2';
const ALLOWED_HTTP_HOSTS = new Set(['169.254.170.2', '169.254.170.23', 'fd00:ec2::23']);
const RELATIVE = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
const FULL = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

type ContainerEndpointResult = { status: 'not-configured'; reason: string } | { status: 'ok'; endpoint: ContainerEndpoint };

/** Addresses a host name resolves to (e.g. dns.promises.lookup with { all: true }). */
type HostLookup = (host: string) => Promise<string[]>;

/** Pure: the endpoint the env configures, or 'not-configured'; throws PlanError for a bad URI. */
export function parseContainerEndpoint(env: Env): ContainerEndpointResult {
  const relative = envValue(env, RELATIVE);
  const full = envValue(env, FULL);
  if (relative === undefined && full === undefined) {
    return { status: 'not-configured', reason: `neither ${RELATIVE} nor ${FULL} is set` };
  }
  const endpoint = relative !== undefined ? relativeEndpoint(relative) : fullEndpoint(full ?? '');
  const tokenFile = envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  const token = envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN');
  if (tokenFile !== undefined) endpoint.authorizationTokenFile = tokenFile;
  else if (token !== undefined) endpoint.authorizationToken = token;
  return { status: 'ok', endpoint };
}

function invalid(variable: string, value: string, why: string): PlanError {
  return new PlanError('invalid-container-uri', variable, `${JSON.stringify(value)}: ${why}`, {
    hint: 'fix or unset the variable (it is normally set by ECS or EKS)',
  });
}

function relativeEndpoint(relative: string): ContainerEndpoint {
  if (!relative.startsWith('/')) throw invalid(RELATIVE, relative, 'must start with /');
  const uri = `http://${ECS_AGENT_HOST}${relative}`;
  if (!URL.canParse(uri)) throw invalid(RELATIVE, relative, 'is not a valid URI path');
  return { uri, variable: RELATIVE };
}

function fullEndpoint(full: string): ContainerEndpoint {
  if (!URL.canParse(full)) throw invalid(FULL, full, 'URI did not specify a host');
  const url = new URL(full);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(FULL, full, 'only http and https are allowed');
  if (!url.hostname) throw invalid(FULL, full, 'URI did not specify a host');
  const endpoint: ContainerEndpoint = { uri: full, variable: FULL };
  if (url.protocol === 'https:') return endpoint;
  const host = bareHost(url.hostname);
  if (ALLOWED_HTTP_HOSTS.has(host) || isLoopbackAddress(host)) return endpoint;
  if (isIpLiteral(host)) throw invalid(FULL, full, `plain http is only allowed to a loopback address or ${[...ALLOWED_HTTP_HOSTS].join(', ')}; use https`);
  endpoint.hostNeedingLoopbackCheck = host;
  return endpoint;
}

/** Finishes the parse with DNS: an http host name must resolve only to loopback addresses. */
export async function resolveContainerEndpoint(env: Env, lookup: HostLookup): Promise<ContainerEndpointResult> {
  const result = parseContainerEndpoint(env);
  if (result.status !== 'ok') return result;
  const host = result.endpoint.hostNeedingLoopbackCheck;
  if (host === undefined) return result;
  await checkLoopbackHost(result.endpoint, host, lookup);
  const { hostNeedingLoopbackCheck: _checked, ...endpoint } = result.endpoint;
  return { status: 'ok', endpoint };
}

export async function checkLoopbackHost(endpoint: ContainerEndpoint, host: string, lookup: HostLookup): Promise<void> {
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch (cause) {
    throw invalid(endpoint.variable, endpoint.uri, `could not resolve ${host}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (addresses.length === 0 || !addresses.every((a) => isLoopbackAddress(bareHost(a)))) {
    throw invalid(endpoint.variable, endpoint.uri, `${host} is not a loopback address; plain http is only allowed to loopback, use https`);
  }
}

function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1).toLowerCase() : host.toLowerCase();
}

function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.x.x, as WHATWG URL writes it: ::ffff:7fxx:xxxx). */
export function isLoopbackAddress(host: string): boolean {
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (ipv4) return ipv4.slice(1).every((part) => Number(part) <= 255) && ipv4[1] === '127';
  const lower = host.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(.+)$/.exec(lower);
  if (mapped?.[1] !== undefined) return isLoopbackAddress(mapped[1]) || /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped[1]);
  return false;
}
