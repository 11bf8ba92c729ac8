// `awsctl assume`'s executor, running the pure plan of plan.ts: start from the --profile's credentials (or, for static keys with
// mfa_serial, from one cached MFA session: see mfa-session.ts) and assume each role in turn,
// each with the credentials of the step before. Like profile hops, every role is cached under
// the AWS CLI's key and resolved lazily from the END: a fresh cached last role is the answer and
// nothing before it runs (no source, no prompt). One RunState serves the whole run, so a device
// is asked for at most once; and a code is never sent twice (it is single-use): the first role
// naming a device sends it, later ones naming the same device are assumed with sessions that
// already carry that MFA.
//
// Chained sessions: AWS limits a role assumed with temporary credentials to 1 hour. A hop whose
// caller holds a session token asking for more is capped at 3600 s with a warning on stderr,
// instead of failing in STS. The cache key keeps the duration as asked, as the AWS CLI computes it.
import { isAwsServiceError } from '../aws/service-error.ts';
import type { AwsCredentials } from '../aws/types.ts';
import { AwsctlError, ExitCode, isAwsctlError } from '../errors.ts';
import { inProfile } from '../resolve/errors.ts';
import { assumeCachedHop } from '../resolve/hops.ts';
import { createRunState, resolveWithState, type ResolveRequest } from '../resolve/resolve.ts';
import type { RunState } from '../resolve/state.ts';
import { planCredentials, type PlanInput } from '../plan/planner.ts';
import type { Plan, RoleHop } from '../plan/types.ts';
import type { Context } from '../io/context.ts';
import type { AssumeOptions } from './args.ts';
import { accountFromPlan, accountOfCredentials, type AccountRef } from '../resolve/caller-account.ts';
import { mfaSessionCredentials, SESSION_ROLE_MAX_SECONDS } from '../resolve/mfa-session.ts';
import { parseRoleArn, roleArnFor } from '../aws/arn.ts';
import { planAssume, type AssumePlan, type AssumeStep } from './plan.ts';

interface AssumeResult {
  credentials: AwsCredentials;
  region: string | undefined;
  /** The roles assumed, in order (bare names resolved to ARNs). */
  roleArns: string[];
}

interface Chain {
  state: RunState;
  steps: AssumeStep[];
  /** Credentials before the first step (memoized: bare names and the fold may both need them). */
  start: () => Promise<AwsCredentials>;
  /** The account of `start`'s credentials when known without resolving them. */
  startAccount: AccountRef | undefined;
  resolvedHops: Map<number, Promise<RoleHop>>;
  identities: Map<string, AccountRef>;
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}

function basePlanFor(state: RunState, request: ResolveRequest): Plan {
  const input: PlanInput = { env: state.ctx.env, profiles: state.profiles };
  if (request.profileFlag !== undefined) Object.assign(input, { profileName: request.profileFlag, profileFromFlag: true });
  return planCredentials(input);
}

/** The plan `awsctl assume` (and `awsctl explain <role>…`) follows for these arguments. Pure but for reading the files once. */
function assumePlanFor(state: RunState, request: ResolveRequest, roles: readonly string[], options: AssumeOptions): AssumePlan {
  return planAssume(basePlanFor(state, request), state.profiles, roles, options);
}

function buildChain(ctx: Context, request: ResolveRequest, roles: string[], options: AssumeOptions): Chain {
  const state = createRunState(ctx, request);
  const plan = assumePlanFor(state, request, roles, options);
  const chain: Chain = {
    state,
    steps: plan.steps,
    start: () => Promise.reject(new Error('unset')),
    startAccount: accountFromPlan(plan.base),
    resolvedHops: new Map(),
    identities: new Map(),
  };
  const session = plan.mfaSession.use;
  if (session) {
    ctx.debug(`assume: using an MFA session for ${session.serial} (profile ${session.profile}) for every role`);
    chain.start = memo(() => mfaSessionCredentials(state, session));
    chain.startAccount = accountFromPlan({ base: plan.base.base, hops: [] });
  } else {
    ctx.debug(`assume: no MFA session: ${plan.mfaSession.reason}`);
    chain.start = memo(async () => (await resolveWithState(state, request)).credentials);
  }
  return chain;
}

/** The account whose role a bare name at `index` means: that of the credentials before it. */
async function callerAccount(chain: Chain, index: number): Promise<AccountRef> {
  if (index > 0) {
    const previous = await resolvedHop(chain, index - 1);
    const account = parseRoleArn(previous.roleArn);
    if (account) return account;
  }
  if (index === 0 && chain.startAccount) return chain.startAccount;
  return accountOfCredentials(chain.state, await chain.start(), chain.identities);
}

function resolvedHop(chain: Chain, index: number): Promise<RoleHop> {
  let known = chain.resolvedHops.get(index);
  if (!known) {
    const target = (chain.steps[index] as AssumeStep).target;
    known =
      target.kind === 'name'
        ? callerAccount(chain, index).then((account) => {
            const roleArn = roleArnFor(account.partition, account.account, target.roleName);
            chain.state.ctx.debug(`assume: role ${target.roleName} is ${roleArn} (the account of the credentials assuming it)`);
            return { roleArn, profile: target.text, ...target.settings };
          })
        : Promise.resolve(target.hop);
    chain.resolvedHops.set(index, known);
  }
  return known;
}

/** The duration to ask STS for: capped at 1 hour when the caller is itself a session. */
function durationFor(chain: Chain, hop: RoleHop, caller: AwsCredentials, what: string): number | undefined {
  const asked = hop.durationSeconds;
  if (asked === undefined || asked <= SESSION_ROLE_MAX_SECONDS || caller.sessionToken === undefined) return asked;
  chain.state.ctx.stderr.write(
    `awsctl: warning: ${what}: duration ${asked} s capped to ${SESSION_ROLE_MAX_SECONDS} s: AWS limits a role assumed with temporary credentials (a chained role session) to 1 hour\n`,
  );
  return SESSION_ROLE_MAX_SECONDS;
}

function assumeStep(chain: Chain, index: number, previous: () => Promise<AwsCredentials>): Promise<AwsCredentials> {
  const step = chain.steps[index] as AssumeStep;
  return resolvedHop(chain, index).then((hop) =>
    assumeCachedHop(
      chain.state,
      hop,
      `role ${index + 1}/${chain.steps.length}: assume-role ${hop.roleArn} (${step.what})`,
      previous,
      {
        sendMfa: step.sendMfa,
        mfaSubject: { what: step.what, needs: `assuming ${hop.roleArn}` },
        durationFor: (caller) => durationFor(chain, hop, caller, step.what),
      },
      (error) => (step.target.kind === 'profile-hop' ? inProfile(step.target.hop.profile, error) : inStep(step.what, error)),
    ),
  );
}

/** The error restated so its one line names the role argument it happened at. */
function inStep(what: string, error: unknown): unknown {
  if (!isAwsctlError(error) || error.exitCode === ExitCode.cancelled || error.what.startsWith(what)) return error;
  const denied = isAwsServiceError(error) && error.code === 'AccessDenied';
  return new AwsctlError(what, `${error.what}: ${error.why}`, {
    hint: error.hint ?? (denied ? "check the role's trust policy and that the credentials before it may call sts:AssumeRole on it" : undefined),
    exitCode: error.exitCode,
    profile: error.profile,
    cause: error,
  });
}

/** Assumes `roles` in turn, starting from the request's profile. */
export async function assumeRoles(ctx: Context, request: ResolveRequest, roles: string[], options: AssumeOptions): Promise<AssumeResult> {
  const chain = buildChain(ctx, request, roles, options);
  const upTo = (count: number): Promise<AwsCredentials> => (count === 0 ? chain.start() : assumeStep(chain, count - 1, () => upTo(count - 1)));
  const credentials = await upTo(chain.steps.length);
  const roleArns = await Promise.all(chain.steps.map((_, i) => resolvedHop(chain, i).then((hop) => hop.roleArn)));
  return { credentials, region: chain.state.region, roleArns };
}
