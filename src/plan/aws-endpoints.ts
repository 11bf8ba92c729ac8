// The endpoints awsctl itself calls: STS (in the client region), the SSO portal and SSO-OIDC
// (in the sso_region, never the client region). A configured endpoint (configured-endpoints.ts)
// wins; otherwise the default is built from the region, FIPS and dual-stack settings.
import type { Env } from '../io/context.ts';
import type { ProfileSet, Section } from '../profile/model.ts';
import { resolveConfiguredEndpoint } from './configured-endpoints.ts';
import type { EndpointSource } from './configured-endpoints.ts';
import { partitionOf } from './partitions.ts';
import { PlanError } from './plan-error.ts';
import { assertValidRegion } from './region.ts';
import { envOrProfile, parseBoolean } from './settings.ts';

export interface EndpointContext {
  env: Env;
  profile?: Section | undefined;
  services?: ProfileSet['services'];
  clientEndpoint?: string | undefined;
}

interface ResolvedEndpoint {
  url: string;
  /** The region to sign with (SigV4) — us-east-1 for the global STS endpoint. */
  signingRegion: string;
  source: EndpointSource | 'default';
}

/** Regions where sts_regional_endpoints = legacy means the global endpoint (botocore's list). */
const STS_LEGACY_GLOBAL_REGIONS: ReadonlySet<string> = new Set([
  'ap-northeast-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'aws-global',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]);

interface EndpointVariants {
  fips: boolean;
  dualStack: boolean;
}

function flag(context: EndpointContext, envName: string, key: string): boolean {
  const setting = envOrProfile(context.env, envName, context.profile, key);
  if (!setting) return false;
  const value = parseBoolean(setting.value);
  if (value === undefined) {
    throw new PlanError('invalid-setting', 'endpoint settings', `${setting.name} = ${setting.value} is not true or false`, { hint: 'use true or false' });
  }
  return value;
}

export function resolveEndpointVariants(context: EndpointContext): EndpointVariants {
  return {
    fips: flag(context, 'AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint'),
    dualStack: flag(context, 'AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint'),
  };
}

/**
 * https://<prefix>[-fips].<region>.<the partition's DNS suffix, or its dual-stack suffix>: every
 * partition of the SDK's partition data (amazonaws.com, amazonaws.com.cn, amazonaws.eu, c2s.ic.gov…).
 * The region goes into the host name, so it must pass botocore's region rule first.
 */
export function defaultEndpoint(prefix: string, region: string, variants: EndpointVariants, setting = 'region'): string {
  assertValidRegion(region, setting);
  const host = variants.fips ? `${prefix}-fips` : prefix;
  const partition = partitionOf(region);
  return `https://${host}.${region}.${variants.dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix}`;
}

function configured(serviceId: string, context: EndpointContext): { url: string; source: EndpointSource } | undefined {
  const result = resolveConfiguredEndpoint({
    serviceId,
    env: context.env,
    profile: context.profile,
    services: context.services,
    clientEndpoint: context.clientEndpoint,
  });
  return result.url === undefined ? undefined : { url: result.url, source: result.source };
}

/**
 * STS: regional https://sts.<region>.amazonaws.com by default (sts_regional_endpoints =
 * regional, the AWS CLI v2 default); `legacy` sends the legacy regions to the global
 * https://sts.amazonaws.com. No region at all also means the global endpoint.
 */
export function resolveStsEndpoint(region: string | undefined, context: EndpointContext): ResolvedEndpoint {
  // botocore checks the region even when an endpoint_url is configured (it still signs with it).
  if (region !== undefined) assertValidRegion(region, 'region');
  const signingRegion = region ?? 'us-east-1';
  const fromConfig = configured('STS', context);
  if (fromConfig) return { ...fromConfig, signingRegion };
  const variants = resolveEndpointVariants(context);
  const setting = envOrProfile(context.env, 'AWS_STS_REGIONAL_ENDPOINTS', context.profile, 'sts_regional_endpoints');
  const mode = setting?.value.toLowerCase() ?? 'regional';
  if (mode !== 'regional' && mode !== 'legacy') {
    throw new PlanError('invalid-setting', 'endpoint settings', `${setting?.name} = ${setting?.value} is not regional or legacy`, {
      hint: 'use regional (the default) or legacy',
    });
  }
  const useGlobal =
    region === undefined || region === 'aws-global' || (mode === 'legacy' && STS_LEGACY_GLOBAL_REGIONS.has(region) && !variants.fips && !variants.dualStack);
  if (useGlobal) return { url: 'https://sts.amazonaws.com', signingRegion: 'us-east-1', source: 'default' };
  return { url: defaultEndpoint('sts', region, variants), signingRegion, source: 'default' };
}

/** The SSO portal (GetRoleCredentials, ListAccounts): portal.sso.<sso_region>.<partition suffix>. */
export function resolveSsoPortalEndpoint(ssoRegion: string, context: EndpointContext): ResolvedEndpoint {
  assertValidRegion(ssoRegion, 'sso_region');
  const fromConfig = configured('SSO', context);
  if (fromConfig) return { ...fromConfig, signingRegion: ssoRegion };
  return { url: defaultEndpoint('portal.sso', ssoRegion, resolveEndpointVariants(context), 'sso_region'), signingRegion: ssoRegion, source: 'default' };
}

/** SSO-OIDC (RegisterClient, CreateToken, device authorization): oidc.<sso_region>.<partition suffix>. */
export function resolveSsoOidcEndpoint(ssoRegion: string, context: EndpointContext): ResolvedEndpoint {
  assertValidRegion(ssoRegion, 'sso_region');
  const fromConfig = configured('SSO OIDC', context);
  if (fromConfig) return { ...fromConfig, signingRegion: ssoRegion };
  return { url: defaultEndpoint('oidc', ssoRegion, resolveEndpointVariants(context), 'sso_region'), signingRegion: ssoRegion, source: 'default' };
}

/**
 * IAM: one global endpoint per partition, signed for its home region (botocore's
 * partitionEndpoint "aws-global" → iam.amazonaws.com in us-east-1).
 */
export function resolveIamEndpoint(region: string | undefined, context: EndpointContext): ResolvedEndpoint {
  const home = iamHome(region);
  const fromConfig = configured('IAM', context);
  if (fromConfig) return { ...fromConfig, signingRegion: home.signingRegion };
  return { url: home.url, signingRegion: home.signingRegion, source: 'default' };
}

// PARTITIONS: replace with plan/partitions.ts
function iamHome(region: string | undefined): { url: string; signingRegion: string } {
  if (region?.startsWith('cn-')) return { url: 'https://iam.cn-north-1.amazonaws.com.cn', signingRegion: 'cn-north-1' };
  if (region?.startsWith('us-gov-')) return { url: 'https://iam.us-gov.amazonaws.com', signingRegion: 'us-gov-west-1' };
  return { url: 'https://iam.amazonaws.com', signingRegion: 'us-east-1' };
}
