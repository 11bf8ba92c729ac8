// `awsctl configure get <key>`: prints one setting as the files say it (environment variables
// and flags do not count, as with `aws configure get`). Unset: exit 1 and nothing on stdout,
// so `region=$(awsctl configure get region)` can tell "unset" from "empty".
import { ExitCode } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import type { ProfileSet } from '../../profile/model.ts';
import { parseSettingKey } from '../../profile/settings-keys.ts';
import type { SettingAddress } from '../../profile/settings-keys.ts';
import type { CommandInput } from '../action.ts';
import { loadForReading, stringArg } from './configure-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const key = stringArg(input, 0, 'key');
  const loaded = loadForReading(ctx, input, true);
  const address = parseSettingKey(key, loaded.locations.profileName);
  const value = lookupSetting(loaded.set, address);
  if (value === undefined) return ExitCode.failure;
  ctx.stdout.write(`${value}\n`);
  return ExitCode.ok;
}

/** The value a key addresses; a whole sub-setting block prints as its `name = value` lines. */
function lookupSetting(set: ProfileSet, address: SettingAddress): string | undefined {
  const key = address.key.toLowerCase();
  if (address.type === 'services') {
    return set.services[address.name]?.[key]?.[(address.subKey ?? '').toLowerCase()];
  }
  const section = address.type === 'profile' ? set.profiles[address.name] : set.ssoSessions[address.name];
  const property = section?.properties[key];
  if (!property) return undefined;
  if (address.subKey !== undefined) return property.subProperties?.[address.subKey.toLowerCase()];
  if (property.subProperties)
    return Object.entries(property.subProperties)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n');
  return property.value;
}
