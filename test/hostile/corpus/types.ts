// One entry of the hostile corpus: what to put in HOME, what to run, and what must come out.
// Unless a case says otherwise: exactly one line on stderr (after any lines a credential_process
// helper printed itself), starting `awsctl: `, matching `stderr`; nothing on stdout; no stack
// trace. A case that hangs is stopped by the rig's timeout and fails on its exit status; how
// long each case took is printed, never asserted.
import type { RunResult } from '../../helpers/cli.ts';
import type { Rig } from '../rig.ts';

export interface HostileCase {
  name: string;
  args: string[] | ((r: Rig) => string[]);
  /** Files relative to HOME (".aws/config"); a function may embed the rig's paths and URLs. */
  files?: Record<string, string | Buffer> | ((r: Rig) => Record<string, string | Buffer>);
  env?: (r: Rig) => Record<string, string | undefined>;
  /** Scripting the fakes, making symlinks, changing modes. */
  setup?: (r: Rig) => void | Promise<void>;
  exit: number;
  /** Matched against the last stderr line (or the whole of stderr when stderrLines is 0). */
  stderr: RegExp;
  /** For cases that legitimately print; otherwise stdout must be empty. */
  stdout?: RegExp;
  /** Lines a credential_process helper writes to stderr itself, before awsctl's one line. */
  helperStderrLines?: number;
  /** Exact number of stderr lines; default 1 + helperStderrLines. 0 means stderr must be empty. */
  stderrLines?: number;
  asNobody?: boolean;
  /** A reason to skip on this machine, or undefined to run. */
  skip?: () => string | undefined;
  /** Extra assertions after the run (e.g. what a fake recorded). */
  check?: (r: Rig, result: RunResult) => void;
}
