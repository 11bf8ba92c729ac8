// `awsctl configure rename <old> <new>`: renames the profile in both files and points every
// `source_profile = old` at the new name. Asks first unless --yes.
import { AwsctlError, usageError } from '../../errors.ts';
import { assertSectionName } from '../../ini/edit-core.ts';
import type { Context } from '../../io/context.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import type { FileKind } from '../../profile/model.ts';
import { hasProfile, renameProfile, sourceProfileReferrers } from '../../profile/profile-edits.ts';
import type { CommandInput } from '../action.ts';
import { confirmOrFail, describeFiles, loadForReading, note, stringArg } from './configure-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const oldName = stringArg(input, 0, 'old');
  const newName = stringArg(input, 1, 'new');
  assertSectionName(newName);
  if (oldName === newName) throw usageError('nothing to rename', 'the old and new names are the same');
  const loaded = loadForReading(ctx, input);
  const docs = { config: loaded.config.doc, credentials: loaded.credentials.doc };
  const paths = { config: loaded.config.path, credentials: loaded.credentials.path };
  const holding = (name: string): FileKind[] => (['config', 'credentials'] as const).filter((k) => hasProfile(docs[k], k, name));
  if (holding(oldName).length === 0) {
    throw new AwsctlError(
      `cannot rename profile '${oldName}'`,
      `it is in neither ${paths.config ?? 'the config file'} nor ${paths.credentials ?? 'the credentials file'}`,
      { hint: 'awsctl configure list-profiles shows the names' },
    );
  }
  if (holding(newName).length > 0)
    throw usageError(`cannot rename profile '${oldName}' to '${newName}'`, `profile '${newName}' already exists`, `remove or rename '${newName}' first`);
  const referrers = [...sourceProfileReferrers(docs.config, 'config', oldName), ...sourceProfileReferrers(docs.credentials, 'credentials', oldName)];
  const refs = referrers.length === 0 ? '' : `, and source_profile in ${[...new Set(referrers)].join(', ')}`;
  const files = describeFiles(holding(oldName).map((k) => paths[k] as string));
  await confirmOrFail(ctx, input, `Rename profile '${oldName}' to '${newName}' in ${files}${refs}?`);
  const result = await editProfileFiles(
    ctx,
    {
      config: (doc) => renameProfile(doc, 'config', oldName, newName),
      credentials: (doc) => renameProfile(doc, 'credentials', oldName, newName),
    },
    { locations: loaded.locations },
  );
  const changed = [result.config, result.credentials].filter((r) => r?.changed).map((r) => r?.path as string);
  note(
    ctx,
    changed.length === 0
      ? `profile '${oldName}' was already gone; nothing changed`
      : `renamed profile '${oldName}' to '${newName}' in ${describeFiles(changed)}`,
  );
  return 0;
}
