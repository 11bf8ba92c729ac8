// `awsctl configure remove <profile>`: removes the profile from both files. Refuses while
// other profiles name it in source_profile (they would break) unless --force. Asks first
// unless --yes.
import { AwsctlError } from '../../errors.ts';
import type { IniDocument } from '../../ini/types.ts';
import type { Context } from '../../io/context.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import type { FileKind } from '../../profile/model.ts';
import { hasProfile, removeProfile, sourceProfileReferrers } from '../../profile/profile-edits.ts';
import type { CommandInput } from '../action.ts';
import { confirmOrFail, describeFiles, loadForReading, note, stringArg } from './configure-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const name = stringArg(input, 0, 'profile');
  const force = input.options['force'] === true;
  const loaded = loadForReading(ctx, input);
  const docs = { config: loaded.config.doc, credentials: loaded.credentials.doc };
  const paths = { config: loaded.config.path, credentials: loaded.credentials.path };
  const holding = (['config', 'credentials'] as const).filter((k) => hasProfile(docs[k], k, name));
  if (holding.length === 0) {
    throw new AwsctlError(
      `cannot remove profile '${name}'`,
      `it is in neither ${paths.config ?? 'the config file'} nor ${paths.credentials ?? 'the credentials file'}`,
      { hint: 'awsctl configure list-profiles shows the names' },
    );
  }
  if (!force) assertNoDependents(name, docs.config, docs.credentials);
  await confirmOrFail(ctx, input, `Remove profile '${name}' from ${describeFiles(holding.map((k) => paths[k] as string))}?`);
  const edit =
    (kind: FileKind) =>
    (doc: IniDocument): IniDocument => {
      // Checked again on the files as they are inside the lock: a dependent may have appeared.
      if (!force) assertNoDependents(name, kind === 'config' ? doc : undefined, kind === 'credentials' ? doc : undefined);
      return removeProfile(doc, kind, name);
    };
  const result = await editProfileFiles(ctx, { config: edit('config'), credentials: edit('credentials') }, { locations: loaded.locations });
  const changed = [result.config, result.credentials].filter((r) => r?.changed).map((r) => r?.path as string);
  note(ctx, changed.length === 0 ? `profile '${name}' was already gone; nothing changed` : `removed profile '${name}' from ${describeFiles(changed)}`);
  return 0;
}

function assertNoDependents(name: string, config: IniDocument | undefined, credentials: IniDocument | undefined): void {
  const dependents = [...new Set([...sourceProfileReferrers(config, 'config', name), ...sourceProfileReferrers(credentials, 'credentials', name)])];
  if (dependents.length === 0) return;
  throw new AwsctlError(`cannot remove profile '${name}'`, `${dependents.join(', ')} ${dependents.length === 1 ? 'uses' : 'use'} it as source_profile`, {
    hint: 'change or remove those first, or pass --force',
  });
}
