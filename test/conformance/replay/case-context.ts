// The Context one end-to-end case runs in (README §2): exactly the case's environment (nothing
// inherited), Linux, no home directory from the runtime, the case's fs/ mounted at `/` with an
// in-memory overlay for writes, a clock frozen at the UNIX epoch, instant sleeps, a fixed
// "random", recorded HTTP, real child processes (credential_process runs real shell commands,
// as in Rust), a prompt that always fails (no case needs MFA), and captured output: the one
// test context (test/helpers/context.ts) with those parts.
import type { Context, HttpClient } from '../../../src/io/context.ts';
import { createProcessRunner } from '../../../src/io/processes.ts';
import { testContext } from '../../helpers/context.ts';
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

export async function dnsStub(host: string): Promise<string[]> {
  return host.toLowerCase() === 'localhost' ? ['127.0.0.1'] : [PUBLIC_ADDRESS];
}

export function createCaseContext(options: CaseContextOptions): CaseRuntime {
  const fs = createOverlayFileSystem(options.fsRoot);
  // Child output must not reach the runner's terminal either: collect what the helper says.
  const processes = createProcessRunner({ stderr: { write: (chunk: Buffer) => void ctx.err.push(chunk.toString('utf8')) }, hasTerminal: () => false });
  // No home, no answers (a prompt fails as without a terminal), nothing inherited.
  const ctx = testContext({
    env: options.env,
    platform: 'linux',
    fs,
    clock: { now: FROZEN_NOW },
    http: options.http,
    processes,
    interactive: false,
    dnsLookup: dnsStub,
  });
  const output: CapturedOutput = { stdout: ctx.out, stderr: ctx.err, debug: ctx.debugLines, prompts: ctx.questions };
  return { ctx, fs, output };
}
