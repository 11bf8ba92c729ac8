// What `env` and `assume` print when their output would land on a terminal: a few lines about
// the credentials and how to use them, never the secrets (a forgotten `--` or `eval` would
// otherwise put the secret key on screen, in scrollback and in screen recordings). Pure.
import { formatRfc3339Utc } from './rfc3339.ts';

interface CredentialsSummary {
  profile: string;
  provider: string;
  accessKeyId: string;
  accountId?: string | undefined;
  /** The last role assumed, when there was one. */
  roleArn?: string | undefined;
  expiration?: Date | undefined;
  region?: string | undefined;
  /** The same command line, to evaluate: `awsctl env --profile dev`. */
  commandLine: string;
  /** How to run a command with them instead: `awsctl exec --profile dev --`. */
  runPrefix: string;
}

export function credentialsSummaryText(summary: CredentialsSummary, now: Date): string {
  const rows: Array<[string, string | undefined]> = [
    ['Profile', summary.profile],
    ['Provider', summary.provider],
    ['Role', summary.roleArn],
    ['Account', summary.accountId],
    ['Access key', maskKeyId(summary.accessKeyId)],
    ['Expires', summary.expiration ? `${formatRfc3339Utc(summary.expiration)} (${timeLeft(summary.expiration, now)})` : 'never (long-term keys)'],
    ['Region', summary.region ?? 'none'],
  ];
  const lines = [
    'Credentials resolved; the secrets are not shown on a terminal.',
    ...rows.filter((row): row is [string, string] => row[1] !== undefined).map(([name, value]) => `  ${name.padEnd(11)}${printable(value)}`),
    'Use them in this shell:',
    `  eval "$(${summary.commandLine})"`,
    'or run one command with them:',
    `  ${summary.runPrefix} <command> [args…]`,
    '(--format sh|fish|powershell|… prints the variables even here.)',
  ];
  return `${lines.join('\n')}\n`;
}

/** `ASIAXAMPLE1234WXYZ` → `…WXYZ`: enough to tell keys apart, as --debug does. */
function maskKeyId(keyId: string): string {
  return keyId.length <= 4 ? '…' : `…${keyId.slice(-4)}`;
}

/** `in 42 min`, `in 3 h 5 min`, `expired` (also whoami's). */
export function timeLeft(expiration: Date, now: Date): string {
  const minutes = Math.floor((expiration.getTime() - now.getTime()) / 60_000);
  if (minutes < 0) return 'expired';
  if (minutes < 120) return `in ${minutes} min`;
  return `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Values can come from files and the network: no control characters reach the terminal. */
function printable(value: string): string {
  return value.replace(/\p{Cc}/gu, '?');
}

/** A command line a shell reads back as the same words. */
export function shellCommandLine(words: readonly string[]): string {
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`)).join(' ');
}
