// Vanity SSO start URLs (AWS CLI 2.35.13+, awscli/customizations/sso/resolve.py): a start URL on
// a company's own domain (https://aws.example.com) is followed ONE redirect to find the AWS-owned
// IAM Identity Center portal behind it, and sso_region is read from that host. Only a redirect
// to an AWS-owned host over https is believed; anything else is an error. A start URL that is
// already AWS-owned is used as configured, with the configured sso_region.
import { AwsctlError } from '../errors.ts';
import type { Context } from '../io/context.ts';
import { isHttpTransportError } from '../io/http-errors.ts';
import { assertValidRegion } from '../plan/region.ts';
import { isAwsOwnedHost, regionFromPortalHost } from '../plan/portal-hosts.ts';

const TIMEOUT_MS = 10_000;

interface ResolvedStartUrl {
  /** The AWS-owned portal URL (the configured one when it already was AWS-owned). */
  url: string;
  region: string;
  /** True when a vanity URL was followed to find them. */
  followed: boolean;
}

const fail = (startUrl: string, why: string, hint?: string) => new AwsctlError(`SSO start URL ${startUrl}`, why, hint !== undefined ? { hint } : {});

export async function resolveStartUrl(ctx: Pick<Context, 'http' | 'debug'>, startUrl: string, configuredRegion: string | undefined): Promise<ResolvedStartUrl> {
  let parsed: URL;
  try {
    parsed = new URL(startUrl);
  } catch {
    throw fail(startUrl, 'it is not a URL');
  }
  if (parsed.protocol !== 'https:') throw fail(startUrl, 'the sso_start_url must use https');
  if (isAwsOwnedHost(parsed.hostname)) {
    if (configuredRegion === undefined) throw fail(startUrl, 'sso_region is not set', 'set sso_region to the region of your IAM Identity Center');
    return { url: startUrl, region: configuredRegion, followed: false };
  }
  ctx.debug(`sso: ${parsed.host} is not an AWS-owned host; following one redirect to find the portal`);
  const target = await oneRedirect(ctx, startUrl);
  let resolved: URL;
  try {
    resolved = new URL(target);
  } catch {
    throw fail(startUrl, 'it redirects to something that is not a URL');
  }
  if (!isAwsOwnedHost(resolved.hostname)) {
    throw fail(
      startUrl,
      `it does not lead to an AWS-owned IAM Identity Center host (it ends at ${resolved.host})`,
      'use the AWS access portal URL, or fix the redirect of your custom domain',
    );
  }
  if (resolved.protocol !== 'https:') throw fail(startUrl, `it redirects to ${resolved.host} without https`);
  const region = regionFromPortalHost(resolved.hostname) ?? configuredRegion;
  if (region === undefined) throw fail(startUrl, `no region can be read from ${resolved.host}`, 'set sso_region in the configuration');
  assertValidRegion(region, `the region of ${resolved.host}`);
  const url = `${resolved.protocol}//${resolved.host}${resolved.pathname.replace(/\/+$/, '')}`;
  return { url, region, followed: true };
}

/** HEAD (GET when HEAD is refused) and the Location of a redirect; the URL itself when there is none. */
async function oneRedirect(ctx: Pick<Context, 'http'>, url: string): Promise<string> {
  for (const method of ['HEAD', 'GET'] as const) {
    try {
      const response = await ctx.http.send({ method, url, headers: {}, timeoutMs: TIMEOUT_MS });
      if (method === 'HEAD' && (response.status === 405 || response.status === 501)) continue;
      if (response.status >= 400) throw fail(url, `resolving it answered HTTP ${response.status}`);
      return url;
    } catch (error) {
      if (isHttpTransportError(error) && error.kind === 'redirect') {
        if (error.location === undefined) throw fail(url, 'its redirect has no Location');
        return error.location;
      }
      throw error;
    }
  }
  return url;
}
