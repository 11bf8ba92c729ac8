// Which hosts belong to AWS IAM Identity Center, and the region a portal host names: the AWS
// CLI's rules (awscli/customizations/sso/resolve.py, 2.35.13+), used to follow a custom-domain
// start URL only to AWS (sso/start-url.ts) and by explain to say such a URL will be resolved.
const AWS_OWNED_SUFFIXES = ['.app.aws', '.portal.amazonaws.com', '.portal.amazonaws.com.cn', '.awsapps.com', '.awsapps.cn'];
const AWS_OWNED_EXACT = ['identitycenter.amazonaws.com', 'identitycenter.amazonaws.com.cn'];
const REGION_PATTERNS = [
  /^[^.]+\.portal\.(?<region>[a-z0-9-]+)\.app\.aws$/i, // {instance}.portal.{region}.app.aws
  /^[^.]+\.(?<region>[a-z0-9-]+)\.portal\.amazonaws\.com$/i, // {instance}.{region}.portal.amazonaws.com
  /^[^.]+\.(?<region>[a-z0-9-]+)\.portal\.amazonaws\.com\.cn$/i,
];

export function isAwsOwnedHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (AWS_OWNED_EXACT.includes(host)) return true;
  return AWS_OWNED_SUFFIXES.some((suffix) => host === suffix.slice(1) || host.endsWith(suffix));
}

export function regionFromPortalHost(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  for (const pattern of REGION_PATTERNS) {
    const region = pattern.exec(host)?.groups?.region;
    if (region) return region;
  }
  return undefined;
}
