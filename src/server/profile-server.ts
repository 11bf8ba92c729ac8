// The use case behind `exec --server` and `serve`: resolve the profile once up front (MFA and
// SSO prompts happen now, on the terminal), then serve its credentials from memory on loopback
// while a holder replaces them in the background through the same resolver and cache. The
// server holds this one profile: there is no route that resolves or assumes anything else.
import { refreshWindowSeconds } from '../cache/credential-cache.ts';
import { AwsctlError, usageError } from '../errors.ts';
import { loadProfilesOnce } from '../profile/load-once.ts';
import { resolveCredentials, type ResolveRequest } from '../resolve/resolve.ts';
import type { Context } from '../io/context.ts';
import type { Listen } from '../io/http-listener.ts';
import type { EnvAssignments } from '../output/env-values.ts';
import { summarizeProfiles } from '../plan/profile-summary.ts';
import { createCredentialHolder, type CredentialHolder, type Timers } from './credential-holder.ts';
import { startCredentialServer, type CredentialServer } from './credential-server.ts';
import { imdsRoleName, type ImdsOptions } from './imds-routes.ts';
import { fixedToken, newToken, type TokenAuthority } from './token.ts';
import { rotationSeconds, startRotatingTokenFile, type TokenFileSeam } from './token-file.ts';
import { containerVariables, imdsVariables, type ServerAuthorization } from './variables.ts';

/**
 * botocore's IMDS provider treats credentials with less than 10 minutes + 2–10 minutes of
 * jitter left as a service outage and extends them on its own ("static stability"), so in IMDS
 * mode none may be served with less than 20 minutes left: refresh 25 minutes before expiry.
 */
const IMDS_LEAD_SECONDS = 25 * 60;
/** The cache must call credentials stale a little before the server wants new ones. */
const CACHE_MARGIN_SECONDS = 60;

export interface ProfileServerOptions {
  imds: boolean;
  tokenFile: boolean;
  bind: string;
  port: number;
  /** The seams (node:http, node:fs, timers); tests may pass their own. */
  listen: Listen;
  tokenFileSeam: () => Promise<TokenFileSeam>;
  timers: Timers;
  /** Who may take IMDS tokens (see imds-routes.ts); absent where the system cannot say. */
  sameUser?: ImdsOptions['sameUser'];
}

interface ProfileServer {
  profile: string;
  region: string | undefined;
  server: CredentialServer;
  holder: CredentialHolder;
  /** What the client's environment needs (container or IMDS variables). */
  variables: EnvAssignments;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function checkBind(ctx: Context, options: ProfileServerOptions): void {
  if (isLoopback(options.bind)) return;
  if (options.bind === 'localhost') throw usageError('--bind', 'give an address, not a name', 'use 127.0.0.1 or ::1');
  // Requests must name the bound address in Host (DNS rebinding), so "every address" cannot work.
  if (options.bind === '0.0.0.0' || options.bind === '::')
    throw usageError('--bind', `${options.bind} means every address, and clients must name one`, 'give the one address clients will connect to');
  if (options.imds)
    throw usageError('--bind', `IMDS mode has no token, so it is served on loopback only, not on ${options.bind}`, 'leave --bind out, or drop --imds');
  ctx.stderr.write(
    `awsctl: warning: serving on ${options.bind}, which is not loopback: anyone who can reach it and learns the token gets the credentials; the SDKs accept plain http only on loopback\n`,
  );
}

export async function startProfileServer(ctx: Context, request: ResolveRequest, options: ProfileServerOptions): Promise<ProfileServer> {
  checkBind(ctx, options);
  const leadSeconds = options.imds ? Math.max(refreshWindowSeconds(ctx.env), IMDS_LEAD_SECONDS) : refreshWindowSeconds(ctx.env);
  const windowed: ResolveRequest = { ...request, refreshWindowSeconds: leadSeconds + CACHE_MARGIN_SECONDS };
  const resolved = await resolveCredentials(ctx, windowed);
  const { tokenCode: _spent, ...refreshRequest } = windowed; // a one-time code cannot serve a refresh
  if (options.imds) warnShortLifetime(ctx, resolved.profile, resolved.credentials.expiration);
  warnOutrankingDefault(ctx, request.profileFlag);
  const holder = createCredentialHolder({
    initial: resolved.credentials,
    refresh: async () => (await resolveCredentials(ctx, refreshRequest)).credentials,
    leadSeconds,
    now: () => ctx.now(),
    timers: options.timers,
    debug: (message) => ctx.debug(message),
    warn: (message) => ctx.stderr.write(`${message}\n`),
    profile: resolved.profile,
  });
  let authority: Authority | undefined;
  try {
    authority = await startAuthority(ctx, options);
    const { auth, authorization } = authority;
    const server = await startCredentialServer({
      listen: options.listen,
      host: options.bind,
      port: options.port,
      holder,
      auth,
      ...(options.imds
        ? { imds: { roleName: imdsRoleName(resolved.profile), region: resolved.region, ...(options.sameUser ? { sameUser: options.sameUser } : {}) } }
        : {}),
      now: () => ctx.now(),
      debug: (message) => ctx.debug(message),
    });
    const variables = options.imds
      ? imdsVariables({ containerUri: server.containerUri, imdsEndpoint: server.imdsEndpoint ?? '' }, resolved.region)
      : containerVariables(server, authorization, resolved.region);
    ctx.debug(
      `server: serving profile ${resolved.profile} on ${options.imds ? server.imdsEndpoint : server.containerUri}, refreshing ${leadSeconds} s before expiry`,
    );
    return {
      profile: resolved.profile,
      region: resolved.region,
      server,
      holder,
      variables,
      close: async () => {
        holder.stop();
        authority?.stop();
        await server.close();
      },
    };
  } catch (error) {
    holder.stop();
    authority?.stop();
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EADDRINUSE')
      throw new AwsctlError(`cannot serve on ${options.bind}:${options.port}`, 'the port is in use', {
        hint: 'choose another --port, or leave it out for a random one',
      });
    if (code === 'EADDRNOTAVAIL')
      throw new AwsctlError(`cannot serve on ${options.bind}`, 'no interface of this machine has that address', { hint: 'use 127.0.0.1' });
    throw error;
  }
}

interface Authority {
  auth: TokenAuthority;
  /** What the client is given: the token itself, or the file that holds it. */
  authorization: ServerAuthorization;
  stop(): void;
}

/** A random token handed over in a variable, or a rotating token file (--token-file). */
async function startAuthority(ctx: Context, options: ProfileServerOptions): Promise<Authority> {
  if (!options.tokenFile) {
    const token = newToken();
    return { auth: fixedToken(token), authorization: { token }, stop: () => {} };
  }
  const file = startRotatingTokenFile(await options.tokenFileSeam(), {
    rotateMs: rotationSeconds(ctx.env) * 1000,
    nowMs: () => ctx.now().getTime(),
    timers: options.timers,
    debug: (message) => ctx.debug(message),
  });
  return { auth: file, authorization: { tokenFile: file.path }, stop: () => file.stop() };
}

function warnShortLifetime(ctx: Context, profile: string, expiration: Date | undefined): void {
  if (expiration === undefined) return;
  const minutes = Math.floor((expiration.getTime() - ctx.now().getTime()) / 60_000);
  if (minutes * 60 >= IMDS_LEAD_SECONDS) return;
  ctx.stderr.write(
    `awsctl: warning: the credentials of profile ${profile} have only ${minutes} min left when fresh; botocore's IMDS provider treats credentials with less than about 20 min left as an outage and keeps using them past expiry — use the container mode (leave out --imds) for this profile\n`,
  );
}

/**
 * The child runs without AWS_PROFILE, so its SDKs read the `default` profile before they ask
 * the server (botocore and the SDK for JavaScript both try profile credentials first). Say so
 * when that profile has credentials of its own.
 */
function warnOutrankingDefault(ctx: Context, profileFlag: string | undefined): void {
  const [summary] = summarizeProfiles(loadProfilesOnce(ctx, profileFlag).set, [{ name: 'default', files: [] }]);
  if (!summary || summary.kind === 'none') return;
  ctx.stderr.write(
    `awsctl: warning: profile default has credentials of its own (${summary.kind}); SDKs in the command use them before the server — move them to a named profile, or use exec without --server\n`,
  );
}
