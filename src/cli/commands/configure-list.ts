// `awsctl configure list [--json]`: every setting of the selected profile, its value (secrets
// masked) and where it came from: flag, environment variable, or file:line.
import type { Context } from '../../io/context.ts';
import { formatJson, formatTable } from '../../output/table.ts';
import { listProfileSettings } from '../../profile/settings-sources.ts';
import type { CommandInput } from '../action.ts';
import { loadForReading, note } from './configure-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const loaded = loadForReading(ctx, input);
  const rows = listProfileSettings({ set: loaded.set, env: ctx.env, profileFlag: input.global.profile, regionFlag: input.global.region });
  const profile = loaded.locations.profileName;
  if (!loaded.set.profiles[profile] && rows[0]?.source !== 'default') {
    note(
      ctx,
      `warning: profile '${profile}' is in neither ${loaded.config.path ?? 'the config file'} nor ${loaded.credentials.path ?? 'the credentials file'}`,
    );
  }
  if (input.options['json'] === true) {
    ctx.stdout.write(formatJson(rows));
    return 0;
  }
  const cells = rows.map((r) => [r.name, r.value ?? '<not set>', r.source, r.location ?? '-']);
  ctx.stdout.write(formatTable(['NAME', 'VALUE', 'SOURCE', 'LOCATION'], cells));
  return 0;
}
