// Configured endpoint URLs (the SDKs' "service-specific endpoints" feature, botocore's
// configured_endpoint_urls), highest precedence first:
// 1. an explicit client endpoint (a CLI flag);
// 2. "ignore" from the client, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true or the profile's
//    ignore_configured_endpoint_urls = true disables 3-6;
// 3. AWS_ENDPOINT_URL_<SERVICE> (service id upper-cased, spaces → _: STS, SSO, SSO_OIDC);
// 4. AWS_ENDPOINT_URL;
// 5. the profile's `services` section, `<service> = endpoint_url = …` (id lower-cased, spaces → _);
// 6. the profile's endpoint_url.
// Nothing configured → the caller uses the service's default endpoint.
import type { Env } from '../io/context.ts';
import type { ProfileSet, Section } from '../profile/model.ts';
import { envValue, parseBoolean, profileValue } from './settings.ts';

export type EndpointSource = 'client' | 'env-service' | 'env-global' | 'services-section' | 'profile';

type ConfiguredEndpoint = { url: string; source: EndpointSource; name: string } | { url: undefined; ignored: boolean };

interface ConfiguredEndpointInput {
  /** The service id as in the SDK models: 'STS', 'SSO', 'SSO OIDC', 's3', 'DynamoDB'. */
  serviceId: string;
  env: Env;
  /** The selected profile's section. */
  profile?: Section | undefined;
  /** ProfileSet.services, to follow the profile's `services = name`. */
  services?: ProfileSet['services'];
  clientEndpoint?: string | undefined;
  clientIgnoreConfigured?: boolean;
}

function envVariableForService(serviceId: string): string {
  return `AWS_ENDPOINT_URL_${serviceId.trim().replace(/\s+/g, '_').toUpperCase()}`;
}

function servicesKeyForService(serviceId: string): string {
  return serviceId.trim().replace(/\s+/g, '_').toLowerCase();
}

export function resolveConfiguredEndpoint(input: ConfiguredEndpointInput): ConfiguredEndpoint {
  if (input.clientEndpoint !== undefined && input.clientEndpoint.trim() !== '') {
    return { url: input.clientEndpoint.trim(), source: 'client', name: 'endpoint flag' };
  }
  if (isIgnored(input)) return { url: undefined, ignored: true };
  const serviceVariable = envVariableForService(input.serviceId);
  const fromServiceEnv = envValue(input.env, serviceVariable);
  if (fromServiceEnv !== undefined) return { url: fromServiceEnv, source: 'env-service', name: serviceVariable };
  const fromGlobalEnv = envValue(input.env, 'AWS_ENDPOINT_URL');
  if (fromGlobalEnv !== undefined) return { url: fromGlobalEnv, source: 'env-global', name: 'AWS_ENDPOINT_URL' };
  const servicesName = profileValue(input.profile, 'services');
  const key = servicesKeyForService(input.serviceId);
  const fromSection = servicesName !== undefined ? lookupServices(input.services, servicesName, key) : undefined;
  if (fromSection !== undefined) return { url: fromSection, source: 'services-section', name: `[services ${servicesName}] ${key}.endpoint_url` };
  const fromProfile = profileValue(input.profile, 'endpoint_url');
  if (fromProfile !== undefined) return { url: fromProfile, source: 'profile', name: 'endpoint_url' };
  return { url: undefined, ignored: false };
}

function isIgnored(input: ConfiguredEndpointInput): boolean {
  return (
    input.clientIgnoreConfigured === true ||
    parseBoolean(envValue(input.env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')) === true ||
    parseBoolean(profileValue(input.profile, 'ignore_configured_endpoint_urls')) === true
  );
}

function lookupServices(services: ProfileSet['services'] | undefined, name: string, key: string): string | undefined {
  const section = services?.[name];
  if (!section) return undefined;
  // Sub-property keys are case-insensitive like every other key.
  const entry = Object.entries(section).find(([service]) => service.toLowerCase() === key)?.[1];
  const url =
    entry &&
    Object.entries(entry)
      .find(([k]) => k.toLowerCase() === 'endpoint_url')?.[1]
      ?.trim();
  return url ? url : undefined;
}
