// `awsctl configure` with no subcommand: the AWS CLI's wizard. Access key id, secret (hidden),
// region and output format for --profile (or AWS_PROFILE, or default), each showing the current
// value (keys masked); Enter keeps it. On a terminal only: without one, or with --no-input, a
// clear error naming the commands that take the values as arguments.
import { usageError } from '../../errors.ts';
import { setProperty } from '../../ini/edit.ts';
import type { IniDocument } from '../../ini/types.ts';
import type { Context } from '../../io/context.ts';
import { maskSecret } from '../../io/redact.ts';
import { closestName } from '../../plan/did-you-mean.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import type { CommandInput } from '../action.ts';
import { loadForReading, note } from './configure-common.ts';

const NON_INTERACTIVE =
  'without a terminal, use `awsctl configure set <key> <value> --profile <name>` (a secret can be piped in: `… | awsctl configure set aws_secret_access_key`) or `awsctl configure import --csv <file>`';

/** Fails unless a person can answer on this terminal. */
export function requireTerminal(ctx: Context, command: string, hint: string): void {
  if (!ctx.interactive) throw usageError(command, 'it asks questions and --no-input was given', hint);
  if (ctx.stdin?.isTTY !== true) throw usageError(command, 'it asks questions on a terminal, and standard input is not one', hint);
}

interface WizardAnswers {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  output: string;
}

const OUTPUTS = ['json', 'text', 'table', 'yaml', 'yaml-stream'];

/** The writes the answers ask for: a blank answer keeps what is there. Pure. */
function wizardWrites(answers: WizardAnswers): { credentials: Array<[string, string]>; config: Array<[string, string]> } {
  const credentials: Array<[string, string]> = [];
  const config: Array<[string, string]> = [];
  if (answers.accessKeyId.trim()) credentials.push(['aws_access_key_id', answers.accessKeyId.trim()]);
  if (answers.secretAccessKey.trim()) credentials.push(['aws_secret_access_key', answers.secretAccessKey.trim()]);
  if (answers.region.trim()) config.push(['region', answers.region.trim()]);
  if (answers.output.trim()) config.push(['output', answers.output.trim()]);
  return { credentials, config };
}

const SUBCOMMANDS = ['sso', 'get', 'set', 'unset', 'list', 'list-profiles', 'import', 'rename', 'remove'];

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const stray = input.args[0];
  if (stray !== undefined) {
    const close = closestName(stray, SUBCOMMANDS);
    throw usageError(
      `unknown command 'configure ${stray}'`,
      close ? `did you mean 'configure ${close}'?` : `configure has ${SUBCOMMANDS.join(', ')}`,
      "see 'awsctl configure --help'",
    );
  }
  requireTerminal(ctx, 'configure', NON_INTERACTIVE);
  const loaded = loadForReading(ctx, input, true);
  const name = loaded.locations.profileName;
  const properties = loaded.set.profiles[name]?.properties ?? {};
  const current = (key: string): string | undefined => properties[key]?.value || undefined;
  note(ctx, `configuring profile ${name}; press Enter to keep a value`);
  const shown = (value: string | undefined, secret: boolean) => (value === undefined ? 'None' : secret ? maskSecret(value) : value);
  const answers: WizardAnswers = {
    accessKeyId: await ctx.prompt.text(`AWS Access Key ID [${shown(current('aws_access_key_id'), true)}]:`),
    secretAccessKey: await ctx.prompt.secret(`AWS Secret Access Key [${shown(current('aws_secret_access_key'), true)}]:`),
    region: await ctx.prompt.text(`Default region name [${shown(current('region'), false)}]:`),
    output: await ctx.prompt.text(`Default output format [${shown(current('output'), false)}] (${OUTPUTS.join(', ')}):`),
  };
  if (answers.output.trim() && !OUTPUTS.includes(answers.output.trim())) {
    throw usageError('configure', `"${answers.output.trim()}" is not an output format`, `use one of ${OUTPUTS.join(', ')}; nothing was written`);
  }
  const writes = wizardWrites(answers);
  const edit = (file: 'config' | 'credentials', pairs: Array<[string, string]>) => (doc: IniDocument) =>
    pairs.reduce((next, [key, value]) => setProperty(next, { file, type: 'profile', name }, key, value), doc);
  const edits: Parameters<typeof editProfileFiles>[1] = {};
  if (writes.credentials.length > 0) edits.credentials = edit('credentials', writes.credentials);
  if (writes.config.length > 0) edits.config = edit('config', writes.config);
  if (Object.keys(edits).length === 0) {
    note(ctx, 'nothing changed');
    return 0;
  }
  await editProfileFiles(ctx, edits, { locations: loaded.locations });
  note(ctx, `profile ${name} saved`);
  return 0;
}
