// The container credentials endpoint (ECS task role, EKS Pod Identity): an http host name must
// resolve only to loopback addresses (checked with real DNS), then one GET with the
// authorization token, which is re-read from its file on every attempt.
import type { AwsCredentials } from '../../aws/types.ts';
import { AwsctlError, isAwsctlError } from '../../errors.ts';
import { checkLoopbackHost } from '../../plan/container-endpoint.ts';
import type { ContainerEndpoint } from '../../plan/types.ts';
import type { RunState } from '../state.ts';

async function systemLookup(host: string): Promise<string[]> {
  const { lookup } = await import('node:dns/promises');
  return (await lookup(host, { all: true })).map((entry) => entry.address);
}

export async function containerCredentials(state: RunState, endpoint: ContainerEndpoint): Promise<AwsCredentials> {
  const { ctx } = state;
  if (endpoint.hostNeedingLoopbackCheck !== undefined) {
    const lookup = ctx.dnsLookup ? (host: string) => ctx.dnsLookup!(host) : systemLookup;
    await checkLoopbackHost(endpoint, endpoint.hostNeedingLoopbackCheck, lookup);
    ctx.debug(`container: ${endpoint.hostNeedingLoopbackCheck} resolves only to loopback addresses`);
  }
  ctx.debug(
    `container: GET ${endpoint.uri} (from ${endpoint.variable}${endpoint.authorizationTokenFile ? ', token file' : endpoint.authorizationToken ? ', token' : ''})`,
  );
  const { fetchContainerCredentials } = await import('../../aws/container.ts');
  const target: Parameters<typeof fetchContainerCredentials>[1] = { uri: endpoint.uri };
  if (endpoint.authorizationToken !== undefined) target.authToken = endpoint.authorizationToken;
  if (endpoint.authorizationTokenFile !== undefined) target.authTokenFile = endpoint.authorizationTokenFile;
  return fetchContainerCredentials(ctx, target).catch((error: unknown) => Promise.reject(fromEndpoint(endpoint, error)));
}

/**
 * A transport failure ("GET http://…: timed out") does not say that the URL came from the
 * container variables; in the default chain nothing else on the line would tell a person where
 * to look. Errors that already say "container" pass unchanged.
 */
function fromEndpoint(endpoint: ContainerEndpoint, error: unknown): unknown {
  if (!isAwsctlError(error) || /container/i.test(error.what)) return error;
  return new AwsctlError(`container credentials (${endpoint.variable})`, `${error.what}: ${error.why}`, {
    hint: error.hint ?? `check ${endpoint.variable} and that the credentials endpoint is running`,
    exitCode: error.exitCode,
    notConfigured: error.notConfigured,
    ...(error.profile !== undefined ? { profile: error.profile } : {}),
    cause: error,
  });
}
