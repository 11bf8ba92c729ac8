// Starts every fake AWS endpoint at once and gives the environment that points awsctl at them.
// The OIDC fake and the portal share one set of access tokens, so a token from a login works
// against the portal. close() stops them all.
import { startFakeContainer, type FakeContainer, type FakeContainerOptions } from './container.ts';
import { startFakeImds, type FakeImds, type FakeImdsOptions } from './imds.ts';
import { startFakeSsoOidc, type FakeSsoOidc } from './sso-oidc.ts';
import { startFakeFederation, type FakeFederation } from './signin-federation.ts';
import { startFakeSsoPortal, type FakeAccount, type FakeSsoPortal } from './sso-portal.ts';
import { startFakeSts, type FakeSts } from './sts.ts';

export { startFakeServer, json, type FakeServer, type RecordedRequest, type Reply, type Step } from './server.ts';
export { startFakeSts, stsError, stsErrorXml, type FakeSts, type StsCall } from './sts.ts';
export { startFakeImds, type FakeImds } from './imds.ts';
export { startFakeIam, iamError, type FakeIam, type IamCall } from './iam.ts';
export { startFakeContainer, type FakeContainer } from './container.ts';
export { startFakeSsoOidc, oidcError, type FakeSsoOidc, type PollAnswer } from './sso-oidc.ts';
export { startFakeSsoPortal, DEFAULT_FAKE_ACCOUNTS, type FakeSsoPortal, type FakeAccount } from './sso-portal.ts';
export { startFakeFederation, type FakeFederation, type SigninTokenCall } from './signin-federation.ts';
export { makeTestCertificates, type TestCertificates } from './tls.ts';

export interface FakeAwsOptions {
  now?: () => Date;
  imds?: FakeImdsOptions;
  container?: FakeContainerOptions;
  accounts?: FakeAccount[];
}

export interface FakeAws {
  sts: FakeSts;
  imds: FakeImds;
  container: FakeContainer;
  ssoOidc: FakeSsoOidc;
  ssoPortal: FakeSsoPortal;
  /** The sign-in service's federation endpoint, <base>/federation (AWS_ENDPOINT_URL_SIGNIN). */
  federation: FakeFederation;
  /** AWS_ENDPOINT_URL_STS / _SSO / _SSO_OIDC / _SIGNIN, AWS_EC2_METADATA_SERVICE_ENDPOINT, AWS_CONTAINER_CREDENTIALS_FULL_URI (+ token). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export const FAKE_CONTAINER_TOKEN = 'fake-container-authorization';

export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const now = options.now;
  const accessTokens = new Set<string>();
  const started: Array<{ close(): Promise<void> }> = [];
  const track = <T extends { close(): Promise<void> }>(server: T): T => (started.push(server), server);
  try {
    const sts = track(await startFakeSts({ now }));
    const imds = track(await startFakeImds({ now, ...options.imds }));
    const container = track(await startFakeContainer({ now, expectedAuthorization: FAKE_CONTAINER_TOKEN, ...options.container }));
    const ssoOidc = track(await startFakeSsoOidc({ now, accessTokens }));
    const ssoPortal = track(await startFakeSsoPortal({ now, accessTokens, accounts: options.accounts }));
    const federation = track(await startFakeFederation({ federationTokenKeys: sts.federationTokenKeys }));
    return {
      sts,
      imds,
      container,
      ssoOidc,
      ssoPortal,
      federation,
      env: {
        AWS_ENDPOINT_URL_STS: sts.url,
        AWS_ENDPOINT_URL_SIGNIN: federation.url,
        AWS_ENDPOINT_URL_SSO: ssoPortal.url,
        AWS_ENDPOINT_URL_SSO_OIDC: ssoOidc.url,
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/v1/credentials`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: container.expectedAuthorization ?? '',
      },
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}
