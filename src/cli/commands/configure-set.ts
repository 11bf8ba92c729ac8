// `awsctl configure set <key> [value]`: writes one setting, changing only the lines it must.
// The three key settings go to the credentials file `[name]`; everything else to the config
// file under `[profile name]` / `[default]` / `[sso-session name]` / `[services name]`.
// A secret given without a value is asked for, hidden, so it never lands in shell history.
import { usageError } from '../../errors.ts';
import { assertKey, assertSectionName } from '../../ini/edit-core.ts';
import { setProperty, setSubProperty } from '../../ini/edit.ts';
import type { SectionRef } from '../../ini/sections.ts';
import type { IniDocument } from '../../ini/types.ts';
import type { Context } from '../../io/context.ts';
import { closestName } from '../../plan/did-you-mean.ts';
import { KNOWN_PROFILE_SETTINGS } from '../../profile/known-settings.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import { resolveFileLocations } from '../../profile/locations.ts';
import { belongsInCredentialsFile, describeAddress, parseSettingKey } from '../../profile/settings-keys.ts';
import type { SettingAddress } from '../../profile/settings-keys.ts';
import type { CommandInput } from '../action.ts';
import { stringArg } from './configure-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const key = stringArg(input, 0, 'key');
  const locations = resolveFileLocations(ctx.env, ctx.platform, ctx.homedir(), input.global.profile);
  const address = parseSettingKey(key, locations.profileName);
  assertAddress(address);
  warnIfUnknown(ctx, address);
  const value = input.args[1] ?? (await askForValue(ctx, key, address));
  const file = belongsInCredentialsFile(address) ? 'credentials' : 'config';
  const ref: SectionRef = { file, type: address.type, name: address.name };
  await editProfileFiles(ctx, { [file]: (doc: IniDocument) => setSetting(doc, ref, address, value) }, { locations });
  return 0;
}

/** Checked before any prompt, so nobody types a secret only to hear the profile name is bad. */
function assertAddress(address: SettingAddress): void {
  assertSectionName(address.name);
  assertKey(address.key);
  if (address.subKey !== undefined) assertKey(address.subKey);
}

/** `regoin`: written as asked (a tool of the user's may read it), but probably a typo. */
function warnIfUnknown(ctx: Context, address: SettingAddress): void {
  if (address.type !== 'profile' || address.subKey !== undefined) return;
  const key = address.key.toLowerCase();
  if (KNOWN_PROFILE_SETTINGS.has(key) || !/^[a-z0-9_]+$/.test(key)) return;
  const close = closestName(key, KNOWN_PROFILE_SETTINGS);
  ctx.stderr.write(
    `awsctl: warning: '${address.key}' is not a setting the AWS CLI or SDKs read${close ? ` — did you mean '${close}'?` : ''} (written anyway)\n`,
  );
}

function setSetting(doc: IniDocument, ref: SectionRef, address: SettingAddress, value: string): IniDocument {
  return address.subKey === undefined ? setProperty(doc, ref, address.key, value) : setSubProperty(doc, ref, address.key, address.subKey, value);
}

async function askForValue(ctx: Context, key: string, address: SettingAddress): Promise<string> {
  if (!belongsInCredentialsFile(address)) {
    throw usageError(
      `no value given for '${key}'`,
      'only secrets (aws_access_key_id, aws_secret_access_key, aws_session_token) are asked for',
      `run: awsctl configure set ${key} <value>`,
    );
  }
  // Piped in (`pass show aws | awsctl configure set aws_secret_access_key`): the first line is the
  // value, and it never touches the command line or shell history either.
  const value =
    ctx.stdin && !ctx.stdin.isTTY
      ? ((await ctx.stdin.readAll()).split(/\r?\n/, 1)[0] ?? '').trim()
      : (await ctx.prompt.secret(`${describeAddress(address)} (input hidden)`)).trim();
  if (value === '') throw usageError(`no value given for '${key}'`, 'the answer (or standard input) was empty', 'run it again and paste the value');
  return value;
}
