// `awsctl configure list-profiles`: one profile name per line, config file order, then names
// only the credentials file has. Shell completion runs this at every Tab press, so it reads
// each file once, skips normalization, prints no warnings, and lists what a broken file does
// declare instead of failing. Only an unreadable file (a folder in its place, no permission,
// binary) is an error.
import { parseIni } from '../../ini/parse.ts';
import type { Context } from '../../io/context.ts';
import { readProfileText } from '../../profile/load.ts';
import { resolveFileLocations } from '../../profile/locations.ts';
import { profileNamesByFile } from '../../profile/profile-names.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const locations = resolveFileLocations(ctx.env, ctx.platform, ctx.homedir(), input.global.profile);
  const read = (path: string | undefined, kind: 'config' | 'credentials') => {
    const text = path === undefined ? undefined : readProfileText(ctx, path, kind);
    return text === undefined ? undefined : parseIni(text);
  };
  const names = profileNamesByFile(read(locations.configFile, 'config'), read(locations.credentialsFile, 'credentials'));
  ctx.stdout.write(names.map((n) => `${n.name}\n`).join(''));
  return 0;
}
