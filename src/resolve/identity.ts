// sts:GetCallerIdentity with resolved credentials, for `whoami`: same endpoint rules, retry
// policy and profile files as the resolution that produced them.
import type { CallerIdentity } from '../aws/sts.ts';
import type { Context } from '../io/context.ts';
import { createRunState, type ResolvedCredentials, type ResolveRequest } from './resolve.ts';
import { stsTarget } from './state.ts';

export async function callerIdentity(ctx: Context, request: ResolveRequest, resolved: ResolvedCredentials): Promise<CallerIdentity> {
  const state = createRunState(ctx, request);
  state.selected = resolved.profile;
  state.region = resolved.region;
  const target = await stsTarget(state);
  const { getCallerIdentity } = await import('../aws/sts.ts');
  return getCallerIdentity(ctx, { ...target, credentials: resolved.credentials });
}
