// `awsctl explain <role>…`: the assume plan (plan.ts) for people and tools, after the usual
// explanation of how --profile resolves. No network: a bare role name is shown as a name,
// whose account the chain learns from the credentials before it. Pure.
import { assumeRoleCacheKey, type AssumeRoleKeyArgs } from '../cache/cli-cache-key.ts';
import { assumeRoleCacheArgs } from '../plan/explain.ts';
import type { RoleHop } from '../plan/types.ts';
import { mfaSessionCacheKey } from '../resolve/mfa-session.ts';
import type { AssumePlan, AssumeStep } from './plan.ts';

interface AssumeExplanationJson {
  mfaSession: { device: string; profile: string; cache: string } | { none: string };
  roles: Record<string, unknown>[];
}

function hopFile(hop: RoleHop): string {
  return `~/.aws/cli/cache/${assumeRoleCacheKey(assumeRoleCacheArgs(hop) as AssumeRoleKeyArgs)}.json`;
}

function stepView(step: AssumeStep): Record<string, unknown> {
  const target = step.target;
  const serial = target.kind === 'name' ? target.settings.mfaSerial : target.hop.mfaSerial;
  const mfa = serial === undefined ? undefined : { device: serial, sendsCode: step.sendMfa };
  if (target.kind === 'name') {
    return {
      asked: step.what,
      roleName: target.roleName,
      account: 'of the credentials before it',
      ...target.settings,
      mfa,
      cache: 'known once the account is',
    };
  }
  const { profile, ...hop } = target.hop;
  return { asked: step.what, ...hop, profile: target.kind === 'arn' ? undefined : profile, mfa, cache: hopFile(target.hop) };
}

export function explainAssume(plan: AssumePlan): { lines: string[]; json: AssumeExplanationJson } {
  const session = plan.mfaSession.use;
  const mfaSession: AssumeExplanationJson['mfaSession'] = session
    ? { device: session.serial, profile: session.profile, cache: `~/.aws/cli/cache/${mfaSessionCacheKey(session.keys.accessKeyId, session.serial)}.json` }
    : { none: plan.mfaSession.reason ?? '' };
  const roles = plan.steps.map(stepView);
  const lines = ['then assume, in turn, each with the credentials of the step before:'];
  if ('device' in mfaSession)
    lines.push(
      `   MFA session: one sts:GetSessionToken for ${mfaSession.device} (profile ${mfaSession.profile}) starts the chain`,
      `         cache: ${mfaSession.cache}`,
    );
  else lines.push(`   no MFA session: ${mfaSession.none}`);
  plan.steps.forEach((step, index) => {
    const view = roles[index] as Record<string, unknown>;
    const role = step.target.kind === 'name' ? `role ${step.target.roleName} in the account of the credentials before it` : String(view.roleArn);
    const mfa = view.mfa as { device: string; sendsCode: boolean } | undefined;
    const mfaText =
      mfa === undefined ? '' : mfa.sendsCode ? ` — asks for the MFA code of ${mfa.device}` : ` — MFA for ${mfa.device} carried by the session before it`;
    lines.push(`   role ${index + 1}: ${role} (${step.what})${mfaText}`, `         cache: ${String(view.cache)}`);
  });
  return { lines, json: JSON.parse(JSON.stringify({ mfaSession, roles })) as AssumeExplanationJson };
}
