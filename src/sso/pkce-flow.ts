// The authorization code flow with PKCE (S256) and a loopback redirect, as the AWS CLI v2
// runs it for sso-session profiles: open <oidc>/authorize in the browser, wait for the
// redirect to 127.0.0.1:<port>/oauth/callback, check the state, then exchange the code with
// the verifier (and the same redirect URI, port included) for a token.
import { randomUUID } from 'node:crypto';
import { AUTHORIZATION_CODE_GRANT, buildAuthorizeUrl, createPkcePair, createToken } from '../aws/sso-oidc.ts';
import type { TokenResult } from '../aws/sso-oidc.ts';
import type { AwsCallContext, ServiceTarget } from '../aws/types.ts';
import type { SsoRegistration } from '../cache/sso-token-cache.ts';
import { abortable } from '../io/abort.ts';
import { startCallbackServer } from '../io/loopback-server.ts';

interface PkceFlowDeps {
  call: AwsCallContext;
  oidc: ServiceTarget;
  /** Shows the URL and opens the browser. */
  prompt: (authorizeUrl: string) => Promise<void>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function runPkceFlow(deps: PkceFlowDeps, registration: SsoRegistration, scopes: string[] | undefined): Promise<TokenResult> {
  const state = randomUUID();
  const pkce = createPkcePair();
  const server = await startCallbackServer(state, deps.timeoutMs);
  try {
    const url = buildAuthorizeUrl({
      endpoint: deps.oidc.endpoint,
      clientId: registration.clientId,
      redirectUri: server.redirectUri,
      state,
      codeChallenge: pkce.codeChallenge,
      scopes: scopes?.length ? scopes : undefined,
    });
    await deps.prompt(url);
    const code = await abortable(server.code, deps.signal);
    deps.call.debug('sso: the browser came back with an authorization code; exchanging it');
    return await createToken(deps.call, deps.oidc, {
      grantType: AUTHORIZATION_CODE_GRANT,
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      code,
      codeVerifier: pkce.codeVerifier,
      redirectUri: server.redirectUri,
    });
  } finally {
    await server.close();
  }
}
