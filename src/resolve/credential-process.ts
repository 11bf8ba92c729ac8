// Runs a profile's `credential_process` helper and returns its credentials.
//
// Run mode: NO SHELL. The command line is split into argv (credential-process-split.ts) and the
// program is started directly, as the AWS CLI does (botocore: compat_shell_split + Popen). Why:
// - the SDKs and Tools Reference Guide gives a shell-free syntax for the setting: double-quote
//   paths and arguments with spaces, no environment variables ($HOME, %USERPROFILE%), no `~`;
//   a line written to it means the same with or without a shell, so nothing documented is lost;
// - the config file is shared with the AWS CLI, so the same line should run the same argv;
// - no shell means no second layer of quoting, and nothing in the line is ever interpreted.
// The cost: lines that rely on shell syntax (`a | b`, `exit 1`, `$VAR`), which some SDKs accept
// because they hand the line to `sh -c` (smithy-rs, Go v2, JS v3's exec), do not work. The
// smithy-rs conformance cases `credential_process` and `credential_process_account_id_fallback`
// (`echo … | base64 --decode`) need a shell and are skipped for that reason.
import type { AwsCredentials } from '../aws/types.ts';
import { AwsctlError, ExitCode } from '../errors.ts';
import type { Context, Env, SpawnResult } from '../io/context.ts';
import { enterProcessGuard, readProcessChain, REPORTED_MARKER } from './credential-process-guard.ts';
import { parseCredentialProcessOutput } from './credential-process-output.ts';
import { joinWindows, splitCommandLine, splitRulesFor } from '../text/credential-process-split.ts';

export { enterProcessGuard, PROCESS_CHAIN_ENV, readProcessChain } from './credential-process-guard.ts';
export { parseCredentialProcessOutput } from './credential-process-output.ts';

const TIMEOUT_ENV = 'AWSCTL_CREDENTIAL_PROCESS_TIMEOUT';
const DEFAULT_TIMEOUT_SECONDS = 120;

interface CredentialProcessRequest {
  profileName: string;
  /** The `credential_process` value as written in the config file. */
  commandLine: string;
  /** The profile's `aws_account_id`, used when the helper prints no AccountId. */
  accountId?: string;
  /** Overrides AWSCTL_CREDENTIAL_PROCESS_TIMEOUT (tests, callers with their own deadline). */
  timeoutMs?: number;
}

export type CredentialProcessContext = Pick<Context, 'env' | 'platform' | 'processes' | 'debug'>;

export async function runCredentialProcess(ctx: CredentialProcessContext, request: CredentialProcessRequest): Promise<AwsCredentials> {
  const { profileName } = request;
  const argv = splitForProfile(request.commandLine, ctx.platform, profileName);
  if (argv.length === 0) throw failure(profileName, 'the credential_process setting is empty', 'set it to the helper program and its arguments');
  const timeoutMs = request.timeoutMs ?? credentialProcessTimeoutMs(ctx.env);
  const env = enterProcessGuard(ctx.env, profileName);
  // Only the program: arguments may carry a user name or a secret reference.
  ctx.debug(`credential_process for profile ${profileName}: running ${argv[0]} with ${argv.length - 1} argument(s), timeout ${timeoutMs / 1000} s`);
  const invocation = planInvocation(argv, ctx.platform, profileName);
  let result: SpawnResult;
  try {
    result = await ctx.processes.run(invocation.argv, { env, timeoutMs, passStderr: true, shell: invocation.shell });
  } catch (error) {
    throw startFailure(helperOf(profileName, readProcessChain(ctx.env)), argv[0] as string, error);
  }
  ctx.debug(`credential_process for profile ${profileName}: exit ${result.exitCode ?? result.signal}, ${result.stdout.length} characters on stdout`);
  const who = helperOf(profileName, readProcessChain(ctx.env));
  if (result.timedOut) {
    throw failure(
      who,
      `it did not finish within ${timeoutMs / 1000} second${timeoutMs === 1000 ? '' : 's'} and was stopped`,
      `if the helper needs longer, set ${TIMEOUT_ENV} (seconds)`,
    );
  }
  if (result.exitCode !== 0) throw exitFailure(who, profileName, result);
  return parseCredentialProcessOutput(result.stdout, profileName, request.accountId);
}

export interface Invocation {
  argv: string[];
  shell: boolean;
}

/**
 * How to start argv. Everywhere but one case: directly. On Windows a .bat or .cmd helper (the
 * guide's own Windows example is `"C:\Path\To\credentials.cmd"`) can only be started by
 * cmd.exe, which Node will not do implicitly; cmd then parses the line, so the words are quoted
 * for it and anything cmd would still interpret inside quotes (% ! ^ " and line breaks) is refused.
 */
export function planInvocation(argv: string[], platform: NodeJS.Platform, profileName: string): Invocation {
  if (platform !== 'win32' || !/\.(bat|cmd)$/i.test(argv[0] ?? '')) return { argv, shell: false };
  for (const word of argv) {
    const bad = /[%!^"\r\n]/.exec(word);
    if (bad) {
      throw failure(
        profileName,
        `its batch-file command line contains ${JSON.stringify(bad[0])}, which cmd.exe would interpret`,
        'remove it or wrap the helper in an .exe or PowerShell script',
      );
    }
  }
  return { argv: [joinWindows(argv)], shell: true };
}

function splitForProfile(commandLine: string, platform: NodeJS.Platform, profileName: string): string[] {
  try {
    return splitCommandLine(commandLine, splitRulesFor(platform));
  } catch (error) {
    if (error instanceof AwsctlError) throw failure(profileName, error.why, error.hint);
    throw error;
  }
}

/** AWSCTL_CREDENTIAL_PROCESS_TIMEOUT in milliseconds (seconds in the variable, fractions allowed). */
export function credentialProcessTimeoutMs(env: Env): number {
  const raw = env[TIMEOUT_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds > 0)) {
    throw new AwsctlError(`cannot use ${TIMEOUT_ENV}`, `"${raw.slice(0, 20)}" is not a positive number of seconds`, {
      hint: `unset it for the default of ${DEFAULT_TIMEOUT_SECONDS} seconds`,
    });
  }
  return Math.round(seconds * 1000);
}

function failure(who: string, why: string, hint?: string, cause?: unknown, profileName = who): AwsctlError {
  return new AwsctlError(`credential_process for profile ${who} failed`, why, { hint, profile: profileName, cause });
}

function startFailure(who: string, program: string, error: unknown): AwsctlError {
  if (error instanceof Error && error.name === 'ProcessOutputTooLargeError') {
    return failure(who, `${error.message}, more than credentials can take`, 'the helper must print only the credential JSON on stdout');
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'no such program was found' : code === 'EACCES' ? 'it is not executable' : ((error as Error)?.message ?? String(error));
  return failure(
    who,
    `could not start ${JSON.stringify(program)}: ${reason}`,
    'give the full path of the program; credential_process runs without a shell, so pipes, $VARIABLES and ~ are not expanded',
    error,
  );
}

function exitFailure(who: string, profileName: string, result: SpawnResult): AwsctlError {
  const how = result.exitCode !== null ? `it exited with status ${result.exitCode}` : `it was stopped by ${result.signal ?? 'a signal'}`;
  if (result.stdout.trim() === REPORTED_MARKER) {
    // A nested awsctl has printed the one line that says what went wrong.
    return new AwsctlError(`credential_process for profile ${profileName} failed`, how, {
      profile: profileName,
      reported: true,
      exitCode: result.exitCode ?? ExitCode.failure,
    });
  }
  // stdout is never shown (it may hold credentials); stderr has already passed through to the
  // terminal, so it is not repeated here.
  const said = result.stderr.trim() === '' ? ' and printed nothing on stderr' : '; its message is above';
  return failure(who, `${how}${said}`, 'run the credential_process command yourself to see its full output', undefined, profileName);
}

/** `credential_process for profile c` and, when outer awsctl processes led here, through which profiles. */
function helperOf(profileName: string, chain: string[]): string {
  return chain.length === 0 ? profileName : `${profileName} (reached through ${chain.join(' → ')})`;
}
