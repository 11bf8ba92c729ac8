// `awsctl configure unset <key>`: removes a setting. A profile setting goes from both files
// (the credentials file may hold any setting, and a copy left there would still apply);
// sso-session and services settings live in the config file only.
import { unsetProperty, unsetSubProperty } from '../../ini/edit.ts';
import type { SectionRef } from '../../ini/sections.ts';
import type { IniDocument } from '../../ini/types.ts';
import type { Context } from '../../io/context.ts';
import type { DocEdit, ProfileFileEdits } from '../../profile/edit-files.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import { resolveFileLocations } from '../../profile/locations.ts';
import type { FileKind } from '../../profile/model.ts';
import { describeAddress, parseSettingKey } from '../../profile/settings-keys.ts';
import type { SettingAddress } from '../../profile/settings-keys.ts';
import type { CommandInput } from '../action.ts';
import { note, stringArg } from './configure-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const key = stringArg(input, 0, 'key');
  const locations = resolveFileLocations(ctx.env, ctx.platform, ctx.homedir(), input.global.profile);
  const address = parseSettingKey(key, locations.profileName);
  const kinds: FileKind[] = address.type === 'profile' ? ['config', 'credentials'] : ['config'];
  const edits: ProfileFileEdits = {};
  for (const kind of kinds) edits[kind] = unsetIn({ file: kind, type: address.type, name: address.name }, address);
  const result = await editProfileFiles(ctx, edits, { locations });
  const changed = [result.config, result.credentials].filter((r) => r?.changed).map((r) => r?.path);
  if (changed.length === 0) note(ctx, `${describeAddress(address)} was not set; nothing changed`);
  return 0;
}

function unsetIn(ref: SectionRef, address: SettingAddress): DocEdit {
  return (doc: IniDocument) => (address.subKey === undefined ? unsetProperty(doc, ref, address.key) : unsetSubProperty(doc, ref, address.key, address.subKey));
}
