// Where the console opens: a service's page (`--service`), any console URL (`--destination`,
// checked to be an AWS console host, so a sign-in never hands a session to another site), or
// the console home; `--region` sets the console region. Pure.
import { usageError } from '../errors.ts';
import { CONSOLE_HOSTS, consoleHost, consolePartitionOfHost, type ConsolePartition } from './hosts.ts';

interface ServicePage {
  path: string;
  /** Global services have one console for every region: their URL carries no region. */
  global?: boolean;
}

/** Console paths of the services people open most; other names open /<name>/home. */
const SERVICES: Record<string, ServicePage> = {
  acm: { path: 'acm/home' },
  apigateway: { path: 'apigateway/main' },
  athena: { path: 'athena/home' },
  billing: { path: 'billing/home', global: true },
  bedrock: { path: 'bedrock/home' },
  cloudformation: { path: 'cloudformation/home' },
  cloudfront: { path: 'cloudfront/v4/home', global: true },
  cloudtrail: { path: 'cloudtrail/home' },
  cloudwatch: { path: 'cloudwatch/home' },
  codebuild: { path: 'codesuite/codebuild/home' },
  codepipeline: { path: 'codesuite/codepipeline/home' },
  config: { path: 'config/home' },
  'cost-explorer': { path: 'cost-management/home', global: true },
  dynamodb: { path: 'dynamodbv2/home' },
  ec2: { path: 'ec2/home' },
  ecr: { path: 'ecr/home' },
  ecs: { path: 'ecs/v2/home' },
  eks: { path: 'eks/home' },
  glue: { path: 'glue/home' },
  guardduty: { path: 'guardduty/home' },
  iam: { path: 'iam/home', global: true },
  kms: { path: 'kms/home' },
  lambda: { path: 'lambda/home' },
  logs: { path: 'cloudwatch/home#logsV2:' },
  organizations: { path: 'organizations/v2/home', global: true },
  rds: { path: 'rds/home' },
  route53: { path: 'route53/v2/home', global: true },
  s3: { path: 's3/home', global: true },
  secretsmanager: { path: 'secretsmanager/home' },
  securityhub: { path: 'securityhub/home' },
  sns: { path: 'sns/v3/home' },
  sqs: { path: 'sqs/v3/home' },
  ssm: { path: 'systems-manager/home' },
  sso: { path: 'singlesignon/home' },
  stepfunctions: { path: 'states/home' },
  support: { path: 'support/home', global: true },
  vpc: { path: 'vpc/home' },
};

const KNOWN_SERVICES: readonly string[] = Object.keys(SERVICES);

interface DestinationInput {
  partition: ConsolePartition;
  /** The console region (--region, else the profile's); undefined = let the console choose. */
  region?: string;
  /** True when the region came from --region: it then also overrides a --destination's own. */
  regionFromFlag?: boolean;
  service?: string;
  destination?: string;
}

/** The console URL to land on. Throws a usage error for a bad --service or --destination. */
export function consoleDestination(input: DestinationInput): string {
  if (input.service !== undefined && input.destination !== undefined) {
    throw usageError('console', '--service and --destination cannot be used together', 'give one of them');
  }
  if (input.destination !== undefined) return checkedDestination(input.destination, input.regionFromFlag ? input.region : undefined);
  const host = consoleHost(input.partition);
  if (input.service === undefined) return pageUrl(host, 'console/home', input.region);
  const name = input.service.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw usageError(
      'console',
      `--service ${JSON.stringify(input.service)} is not a service name`,
      `use a name such as ${KNOWN_SERVICES.slice(0, 6).join(', ')}, or --destination with a console URL`,
    );
  }
  const page = SERVICES[name] ?? { path: `${name}/home` };
  return pageUrl(host, page.path, page.global ? undefined : input.region);
}

/** https://<region>.<console host>/<path>?region=<region>, or without a region https://<console host>/<path>. */
function pageUrl(host: string, path: string, region: string | undefined): string {
  const [pathPart, fragment] = splitFragment(path);
  if (region === undefined) return `https://${host}/${pathPart}${fragment}`;
  return `https://${region}.${host}/${pathPart}?region=${encodeURIComponent(region)}${fragment}`;
}

function splitFragment(path: string): [string, string] {
  const hash = path.indexOf('#');
  return hash === -1 ? [path, ''] : [path.slice(0, hash), path.slice(hash)];
}

/** The partition a --destination URL belongs to (for the matching sign-in host), if it is a console URL. */
export function destinationPartition(destination: string): ConsolePartition | undefined {
  try {
    return consolePartitionOfHost(new URL(destination).hostname);
  } catch {
    return undefined;
  }
}

function checkedDestination(destination: string, region: string | undefined): string {
  let url: URL;
  try {
    url = new URL(destination.trim());
  } catch {
    throw usageError(
      'console',
      `--destination ${JSON.stringify(destination.slice(0, 200))} is not a URL`,
      'give a console URL such as https://console.aws.amazon.com/ec2/home',
    );
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '' || consolePartitionOfHost(url.hostname) === undefined) {
    throw usageError(
      'console',
      `--destination ${url.protocol}//${url.host} is not an AWS console address`,
      `the console session is only handed to https://${CONSOLE_HOSTS.join(', https://')} and their regional hosts`,
    );
  }
  if (region !== undefined) url.searchParams.set('region', region);
  return url.toString();
}
