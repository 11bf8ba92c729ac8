// No profile given, none is the default, nothing else in the environment would answer: instead of
// failing (or waiting on instance metadata), a person at a terminal picks one from a searchable
// list of the profiles (name, kind, account, region). Never for `process` (an SDK is asking), never
// with --no-input, and only when stdin and stderr are a terminal; the list is drawn on /dev/tty.
import type { Context } from '../io/context.ts';
import { planDefaultChain } from '../plan/planner.ts';
import { profileValue } from '../plan/settings.ts';
import { loadProfileFiles } from '../profile/load.ts';
import type { ProfileSet } from '../profile/model.ts';
import { profileFilesOf } from '../profile/profile-names.ts';
import { summarizeProfiles } from '../plan/profile-summary.ts';
import type { CommandInput } from './action.ts';

interface ProfileChoice {
  name: string;
  value: string;
  description: string;
}

/** Whether a person could be asked at all; checked before any file is read. */
function askable(ctx: Context, input: CommandInput): boolean {
  if (input.global.profile !== undefined || !ctx.interactive || ctx.prompt.choose === undefined) return false;
  if (ctx.env.AWS_PROFILE?.trim() || ctx.env.AWS_DEFAULT_PROFILE?.trim()) return false;
  return ctx.stdin?.isTTY === true && ctx.stderr.isTTY;
}

/** The account a profile's credentials belong to, when its settings say. Pure. */
function accountOf(set: ProfileSet, name: string): string | undefined {
  const section = set.profiles[name];
  const direct = profileValue(section, 'sso_account_id') ?? profileValue(section, 'aws_account_id');
  if (direct !== undefined) return direct;
  return /^arn:[^:]+:iam::(\d{12}):/.exec(profileValue(section, 'role_arn') ?? '')?.[1];
}

/** The list to pick from, in file order; empty when the default chain has another answer. Pure. */
export function profileChoices(set: ProfileSet, env: Context['env']): ProfileChoice[] {
  if (set.profiles.default !== undefined) return [];
  const chain = planDefaultChain({ env, profiles: set });
  // Environment keys, web identity or a container endpoint would answer: no question.
  if (chain.steps.some((step) => step.step !== 'profile' && step.step !== 'imds' && step.status !== 'skip')) return [];
  return summarizeProfiles(set, profileFilesOf(set)).map((summary) => ({
    name: summary.name,
    value: summary.name,
    description: [summary.kind, accountOf(set, summary.name), summary.region].filter(Boolean).join(' · '),
  }));
}

/** `input`, with the picked profile as if given with --profile (or unchanged). */
export async function pickProfileIfNeeded(ctx: Context, input: CommandInput): Promise<CommandInput> {
  if (!askable(ctx, input)) return input;
  const { set } = loadProfileFiles(ctx);
  const choices = profileChoices(set, ctx.env);
  if (choices.length === 0) return input;
  const picked = await ctx.prompt.choose!('No profile given and no default profile: pick one (type to search)', choices);
  return { ...input, global: { ...input.global, profile: picked } };
}
