// Where AWS Sign-In lives for a region: the `aws login` token endpoint, and (later) the console
// sign-in federation. A configured endpoint for the service `signin` (AWS_ENDPOINT_URL_SIGNIN,
// AWS_ENDPOINT_URL, `[services] signin = endpoint_url = …`, `endpoint_url`) wins; otherwise the
// service's endpoint rules (botocore data/signin/2023-01-01/endpoint-rule-set-1.json):
//   aws         https://{region}.signin.aws.amazon.com
//   aws-cn      https://{region}.signin.amazonaws.cn
//   aws-us-gov  https://{region}.signin.amazonaws-us-gov.com
//   FIPS        https://signin-fips.{region}.{dnsSuffix | dualStackDnsSuffix with dual-stack}
//   dual-stack  https://signin.{region}.{dualStackDnsSuffix}
//   other       https://signin.{region}.{dnsSuffix}
// FIPS or dual-stack together with a configured endpoint is refused, as the rules do.
import { AwsctlError } from '../errors.ts';
import { resolveEndpointVariants, type EndpointContext } from './aws-endpoints.ts';
import { resolveConfiguredEndpoint, type EndpointSource } from './configured-endpoints.ts';
import { isValidRegion, partitionOf } from './partitions.ts';

interface SigninEndpoint {
  /** Base URL without a trailing slash. */
  url: string;
  source: EndpointSource | 'default';
}

/** Pure: the default endpoint of the rules above. */
export function defaultSigninEndpoint(region: string, variants: { fips: boolean; dualStack: boolean }): string {
  if (!isValidRegion(region)) {
    throw new AwsctlError('sign-in endpoint', `"${region}" is not a region name`, { hint: 'set region to a name such as eu-west-1' });
  }
  const partition = partitionOf(region);
  if (!variants.fips && !variants.dualStack) {
    if (partition.id === 'aws') return `https://${region}.signin.aws.amazon.com`;
    if (partition.id === 'aws-cn') return `https://${region}.signin.amazonaws.cn`;
    if (partition.id === 'aws-us-gov') return `https://${region}.signin.amazonaws-us-gov.com`;
    return `https://signin.${region}.${partition.dnsSuffix}`;
  }
  const suffix = variants.dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
  return `https://${variants.fips ? 'signin-fips' : 'signin'}.${region}.${suffix}`;
}

/** The sign-in base URL for `region` under the profile's endpoint settings. */
export function resolveSigninEndpoint(region: string, context: EndpointContext): SigninEndpoint {
  const variants = resolveEndpointVariants(context);
  const configured = resolveConfiguredEndpoint({
    serviceId: 'signin',
    env: context.env,
    profile: context.profile,
    services: context.services,
    clientEndpoint: context.clientEndpoint,
  });
  if (configured.url !== undefined) {
    if (variants.fips || variants.dualStack) {
      throw new AwsctlError(
        'sign-in endpoint',
        `${configured.name} is set together with ${variants.fips ? 'FIPS' : 'dual-stack'} endpoints, which the sign-in service does not allow`,
        {
          hint: `unset ${variants.fips ? 'use_fips_endpoint' : 'use_dualstack_endpoint'} or the endpoint URL`,
        },
      );
    }
    return { url: configured.url.replace(/\/+$/, ''), source: configured.source };
  }
  return { url: defaultSigninEndpoint(region, variants), source: 'default' };
}
