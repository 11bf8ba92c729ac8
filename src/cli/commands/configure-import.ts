// `awsctl configure import --csv <file>`: writes the access keys of an IAM console CSV to the
// credentials file. The profile is --profile (only for a CSV with one key), else the row's
// `User name` column (older CSVs), else `default`. Importing replaces the profile's keys and
// drops a stale aws_session_token, which would not belong to the new keys. AWS_PROFILE is not
// used: an import should land where the command line says, not where a shell variable points.
import { AwsctlError, usageError } from '../../errors.ts';
import { assertSectionName } from '../../ini/edit-core.ts';
import { setProperty, unsetProperty } from '../../ini/edit.ts';
import type { IniDocument } from '../../ini/types.ts';
import type { Context } from '../../io/context.ts';
import { parseAccessKeyCsv } from '../../profile/access-key-csv.ts';
import type { AccessKeyRow } from '../../profile/access-key-csv.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import { profileRef } from '../../profile/profile-edits.ts';
import { maskSecret } from '../../profile/settings-sources.ts';
import type { CommandInput } from '../action.ts';
import { note } from './configure-common.ts';

const MAX_CSV_BYTES = 1024 * 1024;

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const csvPath = String(input.options['csv'] ?? '').replace(/^file:\/\//, '');
  if (csvPath === '') throw usageError('missing --csv <file>', 'it is required');
  const rows = parseAccessKeyCsv(readCsv(ctx, csvPath));
  const named = nameRows(rows, input.global.profile);
  const result = await editProfileFiles(ctx, {
    credentials: (doc) => named.reduce((current, { name, row }) => importRow(current, name, row), doc),
  });
  const where = result.credentials?.path ?? 'the credentials file';
  for (const { name, row } of named) note(ctx, `imported access key ${maskSecret(row.accessKeyId)} as profile '${name}' in ${where}`);
  return 0;
}

function readCsv(ctx: Context, path: string): string {
  const stat = ctx.fs.stat(path);
  if (!stat) throw new AwsctlError(`cannot read ${path}`, 'no such file');
  if (stat.isDirectory) throw new AwsctlError(`cannot read ${path}`, 'it is a directory, not a CSV file');
  if (stat.size > MAX_CSV_BYTES) throw new AwsctlError(`cannot read ${path}`, 'it is far larger than an access key CSV', { hint: 'check the path' });
  const bytes = ctx.fs.readFile(path);
  if (!bytes) throw new AwsctlError(`cannot read ${path}`, 'no such file');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AwsctlError(`cannot read ${path}`, 'it is not UTF-8 text', { hint: 'use the CSV the IAM console downloads' });
  }
}

interface NamedRow {
  name: string;
  row: AccessKeyRow;
}

function nameRows(rows: AccessKeyRow[], profileFlag: string | undefined): NamedRow[] {
  if (profileFlag !== undefined && rows.length > 1) {
    throw usageError(
      'cannot import into one profile',
      `the CSV holds ${rows.length} access keys and --profile names one profile`,
      'leave out --profile to name each profile after its user, or split the file',
    );
  }
  const named = rows.map((row) => ({ name: profileFlag ?? row.userName ?? 'default', row }));
  const seen = new Set<string>();
  for (const { name, row } of named) {
    assertSectionName(name);
    if (seen.has(name))
      throw usageError('cannot import the CSV', `line ${row.line} would write profile '${name}' a second time`, 'keep one key per user in the file');
    seen.add(name);
  }
  return named;
}

function importRow(doc: IniDocument, name: string, row: AccessKeyRow): IniDocument {
  const ref = profileRef('credentials', name);
  let next = setProperty(doc, ref, 'aws_access_key_id', row.accessKeyId);
  next = setProperty(next, ref, 'aws_secret_access_key', row.secretAccessKey);
  return unsetProperty(next, ref, 'aws_session_token');
}
