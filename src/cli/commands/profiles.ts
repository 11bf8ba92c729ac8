// `awsctl profiles [--json]`: every profile of both files with its kind, region, what it
// depends on, and the files that declare it. One read per file, one pass per profile, so a
// 10,000-profile config lists in well under a second.
import type { Context } from '../../io/context.ts';
import { formatJson, formatTable } from '../../output/table.ts';
import { profileFilesOf } from '../../profile/profile-names.ts';
import { summarizeProfiles } from '../../plan/profile-summary.ts';
import type { ProfileSummary } from '../../plan/profile-summary.ts';
import type { CommandInput } from '../action.ts';
import { loadForReading, note } from './configure-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const loaded = loadForReading(ctx, input, false, true);
  const summaries = summarizeProfiles(loaded.set, profileFilesOf(loaded.set));
  for (const s of summaries) if (s.problem) note(ctx, `warning: profile ${s.name}: ${s.problem}`);
  if (input.options['json'] === true) {
    ctx.stdout.write(formatJson(summaries));
    return 0;
  }
  if (summaries.length === 0) {
    note(ctx, `no profiles in ${loaded.config.path ?? 'the config file'} or ${loaded.credentials.path ?? 'the credentials file'}`);
    return 0;
  }
  ctx.stdout.write(formatTable(['PROFILE', 'KIND', 'REGION', 'DEPENDS ON', 'FILES'], summaries.map(row)));
  return 0;
}

function row(s: ProfileSummary): string[] {
  return [s.name, s.kind, s.region ?? '-', dependsOn(s), s.files.join(', ')];
}

function dependsOn(s: ProfileSummary): string {
  if (s.sourceProfile !== null) return `source_profile ${s.sourceProfile}`;
  if (s.credentialSource !== null) return `credential_source ${s.credentialSource}`;
  if (s.ssoSession !== null) return `sso_session ${s.ssoSession}`;
  return '-';
}
