// `awsctl console`: the URL that opens the AWS console as the profile.
//
// - An IAM Identity Center profile (no role hops, no --federate): the portal's shortcut link,
//   with no network call and no credential in it.
// - Anything else: resolve the credentials as every command does; long-term IAM user keys first
//   become GetFederationToken credentials with a session policy; then the federation endpoint
//   turns the temporary credentials into a sign-in token (POST), and the login URL carries it.
import type { AwsCredentials } from '../aws/types.ts';
import { usageError } from '../errors.ts';
import { loadProfilesOnce } from '../profile/load-once.ts';
import { createRunState, resolveCredentials, type ResolvedCredentials, type ResolveRequest } from '../resolve/resolve.ts';
import { stsTarget } from '../resolve/state.ts';
import type { Context } from '../io/context.ts';
import { resolveConfiguredEndpoint } from '../plan/configured-endpoints.ts';
import { planCredentials, selectProfile, type PlanInput } from '../plan/planner.ts';
import type { Plan } from '../plan/types.ts';
import { resolveRegion } from '../plan/region.ts';
import type { Section } from '../profile/model.ts';
import { consoleDestination, destinationPartition } from './destination.ts';
import { loginUrl, logoutFirstUrl, requestSigninToken } from './federation.ts';
import { defaultSigninBase, partitionOfArn, partitionOfRegion, type ConsolePartition } from './hosts.ts';
import { consoleSessionKind, decideDuration, federatedUserName, plannedTemporary, sessionPolicy } from './session-rules.ts';
import { ssoShortcutUrl } from './sso-shortcut.ts';

export interface ConsoleRequest extends ResolveRequest {
  service?: string;
  destination?: string;
  durationSeconds?: number;
  /** Use federation even for an IAM Identity Center profile. */
  federate?: boolean;
  policy?: string;
  policyArns?: string[];
  logoutFirst?: boolean;
}

export interface ConsoleLink {
  url: string;
  /** federation: the URL is a bearer credential (valid 15 minutes); sso-shortcut: it is not. */
  kind: 'federation' | 'sso-shortcut';
  /** When the console session ends, where known. */
  sessionEnds?: Date;
  /** Things the person should know (a duration left out, an option with no effect). */
  notes: string[];
}

interface Setting {
  section: Section | undefined;
  region: string | undefined;
  partition: ConsolePartition;
  destination: string;
}

/**
 * The partition the plan itself points at, for when no region is configured: the last role's
 * ARN, a web identity role's ARN, or the access portal's sso_region.
 */
function plannedPartition(plan: Plan): ConsolePartition | undefined {
  const lastHop = plan.hops.at(-1);
  if (lastHop) return partitionOfArn(lastHop.roleArn);
  if (plan.base.kind === 'web-identity') return partitionOfArn(plan.base.roleArn);
  if (plan.base.kind === 'sso') {
    const portal = partitionOfRegion(plan.base.ssoRegion);
    return typeof portal === 'string' ? portal : undefined;
  }
  return undefined;
}

function settings(ctx: Context, request: ConsoleRequest, section: Section | undefined, plan: Plan): Setting {
  const region = resolveRegion({ flag: request.regionFlag, env: ctx.env, profile: section }).region;
  const fromRegion = partitionOfRegion(region);
  if (typeof fromRegion !== 'string') {
    throw usageError(
      'console',
      `region ${fromRegion.unsupported} is in a partition with no console federation endpoint that awsctl knows (ISO, European Sovereign Cloud)`,
      "open that partition's console yourself",
    );
  }
  const fromDestination = request.destination !== undefined ? destinationPartition(request.destination) : undefined;
  if (region !== undefined && fromDestination !== undefined && fromDestination !== fromRegion) {
    throw usageError(
      'console',
      `--destination is a console of partition ${fromDestination} but region ${region} is in ${fromRegion}`,
      "give a --region of the destination's partition",
    );
  }
  const partition = region === undefined ? (fromDestination ?? plannedPartition(plan) ?? fromRegion) : fromRegion;
  const destination = consoleDestination({
    partition,
    region,
    regionFromFlag: request.regionFlag !== undefined,
    service: request.service,
    destination: request.destination,
  });
  return { section, region, partition, destination };
}

/** An IAM Identity Center role with no hops opens the portal's shortcut unless --federate says otherwise. */
function usesShortcut(plan: Plan, request: ConsoleRequest): plan is Plan & { base: Extract<Plan['base'], { kind: 'sso' }> } {
  return plan.base.kind === 'sso' && plan.hops.length === 0 && request.federate !== true;
}

export async function consoleLink(ctx: Context, request: ConsoleRequest): Promise<ConsoleLink> {
  const files = loadProfilesOnce(ctx, request.profileFlag);
  const section = files.set.profiles[selectProfile(request.profileFlag, ctx.env).name];
  const planInput: PlanInput = { env: ctx.env, profiles: files.set };
  if (request.profileFlag !== undefined) Object.assign(planInput, { profileName: request.profileFlag, profileFromFlag: true });
  const plan = planCredentials(planInput);
  const setting = settings(ctx, request, section, plan);
  const policy = sessionPolicy(request.policy, request.policyArns ?? []);
  const notes: string[] = [];
  if (usesShortcut(plan, request)) {
    // The portal signs in to accounts of its own partition only.
    const portalPartition = partitionOfRegion(plan.base.ssoRegion);
    if (portalPartition !== setting.partition) {
      throw usageError(
        'console',
        `the access portal of profile ${plan.base.profile} is in partition ${typeof portalPartition === 'string' ? portalPartition : portalPartition.unsupported} (sso_region ${plan.base.ssoRegion}) but the console asked for is in ${setting.partition}`,
        "give a --region or --destination of the portal's partition",
      );
    }
    return shortcutLink(ctx, request, plan.base, setting.destination);
  }

  // A --duration out of range is a usage error before any credential is used, where the plan tells.
  const early = plannedTemporary(plan);
  if (early !== undefined) decideDuration(consoleSessionKind(plan, early), request.durationSeconds);
  const resolved = await resolveCredentials(ctx, request);
  const kind = consoleSessionKind(resolved.plan, resolved.credentials.sessionToken !== undefined);
  const duration = decideDuration(kind, request.durationSeconds);
  if (duration.note !== undefined) notes.push(duration.note);
  ctx.debug(`console: ${kind} session${duration.sessionDuration !== undefined ? `, SessionDuration ${duration.sessionDuration}` : ''}`);

  let credentials: AwsCredentials = resolved.credentials;
  if (kind === 'iam-user') {
    credentials = await federationTokenCredentials(ctx, request, resolved, policy, duration.federationDuration);
  } else if (request.policy !== undefined || (request.policyArns ?? []).length > 0) {
    notes.push('--policy and --policy-arn apply to long-term IAM user keys only (GetFederationToken); these credentials are used as they are');
  }

  const signinBase = signinBaseFor(ctx, setting.partition, section, files.set.services);
  const token = await requestSigninToken(ctx, signinBase, credentials, duration.sessionDuration);
  const login = loginUrl(signinBase, setting.destination, token);
  const sessionEnds = duration.sessionDuration !== undefined ? new Date(ctx.now().getTime() + duration.sessionDuration * 1000) : credentials.expiration;
  return { url: request.logoutFirst === true ? logoutFirstUrl(signinBase, login) : login, kind: 'federation', notes, ...(sessionEnds ? { sessionEnds } : {}) };
}

function shortcutLink(ctx: Context, request: ConsoleRequest, base: Extract<Plan['base'], { kind: 'sso' }>, destination: string): ConsoleLink {
  ctx.debug(`console: IAM Identity Center shortcut for account ${base.accountId}, role ${base.roleName}`);
  const notes: string[] = [];
  if (request.durationSeconds !== undefined)
    notes.push(
      "--duration has no effect on an IAM Identity Center shortcut (the permission set's session duration applies); add --federate to sign in through federation instead",
    );
  if (request.logoutFirst === true) notes.push('--logout-first applies to federation sign-ins only; the access portal switches sessions itself');
  if (request.policy !== undefined || (request.policyArns ?? []).length > 0)
    notes.push('--policy and --policy-arn apply to long-term IAM user keys only; the permission set decides what this session may do');
  // Nothing chosen: leave the destination out, so the permission set's relay state applies.
  const chosen = request.service !== undefined || request.destination !== undefined || request.regionFlag !== undefined;
  const url = ssoShortcutUrl({ startUrl: base.startUrl, accountId: base.accountId, roleName: base.roleName, ...(chosen ? { destination } : {}) });
  return { url, kind: 'sso-shortcut', notes };
}

/** GetFederationToken signed with the IAM user's keys, with the session policy, at the same STS endpoint as every other call. */
async function federationTokenCredentials(
  ctx: Context,
  request: ConsoleRequest,
  user: ResolvedCredentials,
  policy: ReturnType<typeof sessionPolicy>,
  durationSeconds: number | undefined,
): Promise<AwsCredentials> {
  const state = createRunState(ctx, request);
  state.selected = user.profile;
  state.region = user.region;
  const target = await stsTarget(state);
  const name = federatedUserName(user.profile);
  const { getFederationToken } = await import('../aws/sts.ts');
  ctx.debug(
    `console: long-term keys: calling sts:GetFederationToken as ${name}${policy.policy !== undefined ? ' with an inline session policy' : ''}${policy.policyArns ? ` with ${policy.policyArns.length} managed session policies` : ''}`,
  );
  const result = await getFederationToken(
    ctx,
    { ...target, credentials: user.credentials },
    { name, ...policy, ...(durationSeconds !== undefined ? { durationSeconds } : {}) },
  );
  return result.credentials;
}

/** AWS_ENDPOINT_URL_SIGNIN / [services] signin / AWS_ENDPOINT_URL, else the partition's sign-in host. */
function signinBaseFor(
  ctx: Pick<Context, 'env' | 'debug'>,
  partition: ConsolePartition,
  section: Section | undefined,
  services: Parameters<typeof resolveConfiguredEndpoint>[0]['services'],
): string {
  const configured = resolveConfiguredEndpoint({ serviceId: 'signin', env: ctx.env, profile: section, services });
  if (configured.url !== undefined) {
    ctx.debug(`console: sign-in endpoint ${configured.url} (from ${configured.name})`);
    return configured.url;
  }
  const base = defaultSigninBase(partition);
  ctx.debug(`console: sign-in endpoint ${base} (partition ${partition})`);
  return base;
}
