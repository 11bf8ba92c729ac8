// The one error type that reaches people. It carries what failed, why, and what to do,
// which the CLI prints as a single line: `awsctl: <what>: <why> — <hint>`.

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  cancelled: 130,
} as const;

interface ErrorDetails {
  /** What to do about it, shown after an em dash. */
  hint?: string;
  exitCode?: number;
  /**
   * "Not my kind of configuration, try the next provider" as opposed to "configured but
   * broken, stop the chain". Providers in the default chain use it to fall through.
   */
  notConfigured?: boolean;
  profile?: string;
  file?: string;
  line?: number;
  cause?: unknown;
  /**
   * The line is already on stderr: a nested awsctl (a credential_process helper) printed it, so
   * this process exits with the code and adds nothing.
   */
  reported?: boolean;
}

export class AwsctlError extends Error {
  readonly what: string;
  readonly why: string;
  readonly hint: string | undefined;
  readonly exitCode: number;
  readonly notConfigured: boolean;
  readonly profile: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly reported: boolean;

  constructor(what: string, why: string, details: ErrorDetails = {}) {
    super(formatErrorLine(what, why, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AwsctlError';
    this.what = what;
    this.why = why;
    this.hint = details.hint;
    this.exitCode = details.exitCode ?? ExitCode.failure;
    this.notConfigured = details.notConfigured ?? false;
    this.profile = details.profile;
    this.file = details.file;
    this.line = details.line;
    this.reported = details.reported ?? false;
  }
}

/** `<what>: <why> — <hint>`, with `file:line` in front of why when known. Single line always. */
function formatErrorLine(what: string, why: string, details: ErrorDetails = {}): string {
  const where = details.file ? `${details.file}${details.line ? `:${details.line}` : ''}: ` : '';
  const text = `${what}: ${where}${why}${details.hint ? ` — ${details.hint}` : ''}`;
  return text.replace(/[\r\n]+/g, ' ');
}

export function usageError(what: string, why: string, hint?: string): AwsctlError {
  return new AwsctlError(what, why, { hint, exitCode: ExitCode.usage });
}

export function isAwsctlError(error: unknown): error is AwsctlError {
  return error instanceof AwsctlError;
}
