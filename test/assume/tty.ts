// Runs the built CLI inside a detached tmux session, so it has a real controlling terminal
// (/dev/tty) for prompts: the test reads the screen and types into it like a person would.
// Each rig uses its own tmux server socket and kills only that server at the end.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsctlCommand, cleanEnv } from '../helpers/cli.ts';

export interface TtyRun {
  /** The screen as text (scrollback included). */
  screen(): string;
  waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
  type(text: string): void;
  /** Exit status, stdout and stderr once the command ends. */
  finished(timeoutMs?: number): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): void;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function runInTmux(home: string, args: string[], env: Record<string, string>): TtyRun {
  const socket = `awsctl-test-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
  const vars = cleanEnv(home, env);
  const out = join(home, 'tty.stdout');
  const err = join(home, 'tty.stderr');
  const rc = join(home, 'tty.rc');
  const script = join(home, 'tty-run.sh');
  const exports = Object.entries(vars)
    .map(([k, v]) => `export ${k}=${quote(v)}`)
    .join('\n');
  writeFileSync(
    script,
    `${exports}\ncd ${quote(home)}\n${[...awsctlCommand, ...args].map(quote).join(' ')} >${quote(out)} 2>${quote(err)}\necho $? >${quote(rc)}.tmp && mv ${quote(rc)}.tmp ${quote(rc)}\nsleep 600\n`,
  );
  const tmux = (...words: string[]) => execFileSync('tmux', ['-L', socket, ...words], { encoding: 'utf8' });
  tmux('new-session', '-d', '-x', '160', '-y', '40', '-s', 'awsctl', `bash --noprofile --norc ${quote(script)}`);
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'awsctl');
  return {
    screen,
    async waitForScreen(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = screen();
        if (pattern.test(text)) return text;
        if (existsSync(rc) || Date.now() > deadline)
          throw new Error(`screen never showed ${pattern}; it shows:\n${text}\nstderr: ${existsSync(err) ? readFileSync(err, 'utf8') : ''}`);
        await sleep(50);
      }
    },
    type(text) {
      tmux('send-keys', '-t', 'awsctl', '-l', text);
      tmux('send-keys', '-t', 'awsctl', 'Enter');
    },
    async finished(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(rc)) {
        if (Date.now() > deadline) throw new Error(`the command did not finish; screen:\n${screen()}`);
        await sleep(50);
      }
      return { code: Number(readFileSync(rc, 'utf8').trim()), stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
    },
    close() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}
