// IMDS client settings from flags, environment and the selected profile (smithy-rs
// imds/client.rs and botocore agree on the precedence):
// 1. an explicit endpoint override (a mode override given with it is ignored);
// 2. AWS_EC2_METADATA_SERVICE_ENDPOINT, then profile ec2_metadata_service_endpoint: an endpoint
//    from either beats every mode setting, even an explicit mode override;
// 3. the mode: override, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE, profile
//    ec2_metadata_service_endpoint_mode, else IPv4 (case-insensitive; anything else is an error).
// Timeout and attempts default to 1 second and 1 attempt, as in botocore and the AWS CLI.
import type { Env } from '../io/context.ts';
import type { Section } from '../profile/model.ts';
import { PlanError } from './plan-error.ts';
import { envOrProfile, envValue, parseBoolean } from './settings.ts';
import type { ImdsEndpointMode, ImdsSettings } from './types.ts';

const MODE_ENDPOINTS: Record<ImdsEndpointMode, string> = {
  IPv4: 'http://169.254.169.254',
  IPv6: 'http://[fd00:ec2::254]',
};

interface ImdsInput {
  env: Env;
  /** The selected profile's section (IMDS settings are read from it even when it has no credentials). */
  profile?: Section | undefined;
  endpointOverride?: string;
  modeOverride?: string;
}

export function resolveImdsSettings(input: ImdsInput): ImdsSettings {
  const { endpoint, endpointSource, mode } = resolveEndpoint(input);
  return {
    disabled: isImdsDisabled(input.env),
    endpoint,
    endpointSource,
    mode,
    tokenUrl: `${endpoint}/latest/api/token`,
    timeoutMs: resolveTimeoutMs(input),
    attempts: resolveAttempts(input),
  };
}

/** AWS_EC2_METADATA_DISABLED=true (any case) turns the IMDS credential provider off. */
export function isImdsDisabled(env: Env): boolean {
  return parseBoolean(envValue(env, 'AWS_EC2_METADATA_DISABLED')) === true;
}

function fail(why: string, hint: string): PlanError {
  return new PlanError('invalid-imds-config', 'instance metadata (IMDS) settings', why, { hint });
}

function resolveEndpoint(input: ImdsInput): Pick<ImdsSettings, 'endpoint' | 'endpointSource' | 'mode'> {
  if (input.endpointOverride !== undefined) {
    const endpoint = checkEndpoint(input.endpointOverride, 'endpoint override');
    return { endpoint, endpointSource: 'override', mode: modeOfEndpoint(endpoint) };
  }
  const configured = envOrProfile(input.env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT', input.profile, 'ec2_metadata_service_endpoint');
  if (configured) {
    const endpoint = checkEndpoint(configured.value, configured.name);
    const endpointSource = configured.from === 'env' ? 'AWS_EC2_METADATA_SERVICE_ENDPOINT' : 'profile';
    return { endpoint, endpointSource, mode: modeOfEndpoint(endpoint) };
  }
  const mode = parseMode(input);
  return { endpoint: MODE_ENDPOINTS[mode], endpointSource: 'mode', mode };
}

/** With an explicit endpoint the mode settings are not consulted; report what the URL is. */
function modeOfEndpoint(endpoint: string): ImdsEndpointMode {
  return new URL(endpoint).hostname.startsWith('[') ? 'IPv6' : 'IPv4';
}

function parseMode(input: ImdsInput): ImdsEndpointMode {
  const configured =
    input.modeOverride !== undefined
      ? { value: input.modeOverride, name: 'mode override' }
      : envOrProfile(input.env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE', input.profile, 'ec2_metadata_service_endpoint_mode');
  if (!configured) return 'IPv4';
  const lower = configured.value.toLowerCase();
  if (lower === 'ipv4') return 'IPv4';
  if (lower === 'ipv6') return 'IPv6';
  throw fail(`\`${configured.value}\` is not a valid endpoint mode (${configured.name})`, 'use IPv4 or IPv6');
}

function checkEndpoint(value: string, name: string): string {
  const trimmed = value.trim();
  if (!URL.canParse(trimmed) || !/^https?:\/\/[^/\s]/i.test(trimmed) || /\s/.test(trimmed)) {
    throw fail(
      `${name} = ${JSON.stringify(value)} is not a valid http(s) URI (invalid uri character or missing host)`,
      'use a URL such as http://169.254.169.254',
    );
  }
  return trimmed.replace(/\/+$/, '');
}

function resolveTimeoutMs(input: ImdsInput): number {
  const configured = envOrProfile(input.env, 'AWS_METADATA_SERVICE_TIMEOUT', input.profile, 'metadata_service_timeout');
  if (!configured) return 1000;
  const seconds = Number(configured.value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw fail(`${configured.name} = ${configured.value} is not a positive number of seconds`, 'use a value such as 1 or 2.5');
  return Math.round(seconds * 1000);
}

function resolveAttempts(input: ImdsInput): number {
  const configured = envOrProfile(input.env, 'AWS_METADATA_SERVICE_NUM_ATTEMPTS', input.profile, 'metadata_service_num_attempts');
  if (!configured) return 1;
  if (!/^\d+$/.test(configured.value) || Number(configured.value) < 1) {
    throw fail(`${configured.name} = ${configured.value} is not a whole number of at least 1`, 'use a value such as 1 or 3');
  }
  return Number(configured.value);
}
