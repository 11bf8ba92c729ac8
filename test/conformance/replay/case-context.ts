// The Context one end-to-end case runs in (README §2): exactly the case's environment (nothing
// inherited), Linux, no home directory from the runtime, the case's fs/ mounted at `/` with an
// in-memory overlay for writes, a clock frozen at the UNIX epoch, instant sleeps, a fixed
// "random", recorded HTTP, real child processes (credential_process runs real shell commands,
// as in Rust), a prompt that always fails (no case needs MFA), and captured output.
import { AwsctlError } from '../../../src/errors.ts';
import type { Context, HttpClient, Prompter } from '../../../src/io/context.ts';
import { createProcessRunner } from '../../../src/io/processes.ts';
import { createOverlayFileSystem } from './overlay-fs.ts';
import type { OverlayFileSystem } from './overlay-fs.ts';

export const FROZEN_NOW = new Date('1970-01-01T00:00:00Z');

/** The address the DNS stub gives every name but localhost (a public AWS address, so not loopback). */
export const PUBLIC_ADDRESS = '72.21.210.29';

export interface CaseContextOptions {
  env: Record<string, string>;
  /** The case's fs/ directory; undefined = an empty disk. */
  fsRoot: string | undefined;
  http: HttpClient;
}

export interface CapturedOutput {
  stdout: string[];
  stderr: string[];
  debug: string[];
  /** Prompts the executor tried to show (each one failed). */
  prompts: string[];
}

/** Context plus the executor's optional DNS hook (container endpoints that name a host). */
export type CaseContext = Context & { dnsLookup(host: string): Promise<string[]> };

export interface CaseRuntime {
  ctx: CaseContext;
  fs: OverlayFileSystem;
  output: CapturedOutput;
}

function failingPrompter(prompts: string[]): Prompter {
  const refuse = async (message: string): Promise<never> => {
    prompts.push(message);
    throw new AwsctlError('cannot prompt', 'the conformance cases run without a terminal');
  };
  return { secret: refuse, text: refuse, confirm: refuse };
}

export async function dnsStub(host: string): Promise<string[]> {
  return host.toLowerCase() === 'localhost' ? ['127.0.0.1'] : [PUBLIC_ADDRESS];
}

export function createCaseContext(options: CaseContextOptions): CaseRuntime {
  const output: CapturedOutput = { stdout: [], stderr: [], debug: [], prompts: [] };
  const fs = createOverlayFileSystem(options.fsRoot);
  // Child output must not reach the runner's terminal either: collect what the helper says.
  const processes = createProcessRunner({ stderr: { write: (chunk: Buffer) => void output.stderr.push(chunk.toString('utf8')) }, hasTerminal: () => false });
  const ctx: CaseContext = {
    env: Object.freeze({ ...options.env }),
    platform: 'linux',
    homedir: () => undefined,
    fs,
    now: () => new Date(FROZEN_NOW.getTime()),
    sleep: async () => undefined,
    random: () => 0.5,
    http: options.http,
    processes,
    prompt: failingPrompter(output.prompts),
    stdout: { write: (text) => void output.stdout.push(text), isTTY: false },
    stderr: { write: (text) => void output.stderr.push(text), isTTY: false },
    debug: (message) => void output.debug.push(message),
    interactive: false,
    dnsLookup: dnsStub,
  };
  return { ctx, fs, output };
}
