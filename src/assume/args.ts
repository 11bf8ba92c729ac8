// `awsctl assume` command line → plain data. Pure.
//
// commander's passThroughOptions (needed so `-- cmd --profile x` reaches the command intact)
// hands over EVERYTHING after the first role verbatim, `--` included: `assume admin --duration
// 900 -- aws s3 ls` arrives as args [admin, --duration, 900, --, aws, s3, ls]. So the role list
// is split at the first `--` here, and assume's own options written after a role are read here
// too; anything else that looks like an option in the role list is a usage error rather than
// a role name.
import { usageError } from '../errors.ts';

export interface AssumeOptions {
  mfaSerial?: string;
  tokenCode?: string;
  durationSeconds?: number;
  sessionName?: string;
  externalId?: string;
  /** As given; undefined means env.ts's default. */
  format?: string;
}

interface AssumeArgs {
  roles: string[];
  /** The command after `--`, when one was given. */
  command?: string[];
  options: AssumeOptions;
}

const VALUE_OPTIONS: Record<string, keyof Omit<AssumeOptions, 'durationSeconds'> | 'duration'> = {
  '--mfa-serial': 'mfaSerial',
  '--token-code': 'tokenCode',
  '--duration': 'duration',
  '--session-name': 'sessionName',
  '--external-id': 'externalId',
  '--format': 'format',
};

/** Seconds for --duration: a whole positive number (STS checks the range against the role). */
function parseDurationOption(text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) {
    throw usageError(
      '--duration',
      `${JSON.stringify(text)} is not a whole number of seconds`,
      'use a value such as 3600 (STS accepts 900 up to the role’s maximum session duration; chained hops at most 3600)',
    );
  }
  return Number(trimmed);
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Options as commander parsed them (before the first role). */
function fromCommander(parsed: Record<string, unknown>): { options: AssumeOptions; raw: Record<string, string | undefined> } {
  const raw: Record<string, string | undefined> = {
    mfaSerial: stringOption(parsed.mfaSerial),
    tokenCode: stringOption(parsed.tokenCode),
    duration: stringOption(parsed.duration),
    sessionName: stringOption(parsed.sessionName),
    externalId: stringOption(parsed.externalId),
    format: stringOption(parsed.format),
  };
  return { options: {}, raw };
}

/** Splits `args` (roles, maybe options, maybe `-- cmd`) and merges the options given after roles. */
export function parseAssumeArgs(args: readonly string[], parsed: Record<string, unknown>): AssumeArgs {
  const dash = args.indexOf('--');
  const before = dash === -1 ? [...args] : args.slice(0, dash);
  const command = dash === -1 ? undefined : args.slice(dash + 1);
  const { options, raw } = fromCommander(parsed);
  const roles: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const word = before[i] as string;
    if (!word.startsWith('-')) {
      roles.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq === -1 ? word : word.slice(0, eq);
    const key = VALUE_OPTIONS[name];
    if (key === undefined)
      throw usageError(
        'assume',
        `unknown option ${JSON.stringify(name)} among the roles`,
        'put --profile, --region, --debug and --no-input before the role names; a command goes after --',
      );
    const value = eq === -1 ? before[++i] : word.slice(eq + 1);
    if (value === undefined) throw usageError('assume', `option ${name} needs a value`);
    raw[key] = value.trim();
  }
  if (roles.length === 0) throw usageError('assume', 'no role was given', 'usage: awsctl assume <profile | role ARN | role name>… [-- command args…]');
  if (command !== undefined && command.length === 0) throw usageError('assume', 'nothing follows --', 'give the command to run, or leave out --');
  if (raw.mfaSerial) options.mfaSerial = raw.mfaSerial;
  if (raw.tokenCode) options.tokenCode = raw.tokenCode;
  if (raw.duration) options.durationSeconds = parseDurationOption(raw.duration);
  if (raw.sessionName) options.sessionName = raw.sessionName;
  if (raw.externalId) options.externalId = raw.externalId;
  if (raw.format) options.format = raw.format;
  const result: AssumeArgs = { roles, options };
  if (command !== undefined) result.command = command;
  return result;
}
