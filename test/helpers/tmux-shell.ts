// An interactive shell (bash, zsh or fish) in a detached tmux session, with a temp HOME and the
// built awsctl first on PATH: a test types into it (Tab included) and reads the screen, as a
// person at a terminal would. Each session has its own tmux server socket, killed at close.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv } from './cli.ts';

export type InteractiveShell = 'bash' | 'zsh' | 'fish';

export interface ShellSession {
  /** Types text literally (no Enter). */
  type(text: string): void;
  /** Presses keys by tmux name: 'Tab', 'Enter', 'C-u', 'C-c'. */
  press(...keys: string[]): void;
  /** Types a line and presses Enter. */
  run(line: string): void;
  screen(): string;
  waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): void;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The shell's command line with no rc files, and a plain prompt ending in `$ `. */
function shellCommand(shell: InteractiveShell, rc: string): string {
  if (shell === 'bash') return `bash --noprofile --rcfile ${quote(rc)} -i`;
  if (shell === 'zsh') return `env ZDOTDIR=${quote(rc.replace(/\/[^/]*$/, ''))} zsh -i`;
  return `fish --no-config -i -C ${quote(`source ${rc}`)}`;
}

function rcText(shell: InteractiveShell, init: string): string {
  if (shell === 'bash') return `PS1='$ '\n${init}\n`;
  if (shell === 'zsh') return `PS1='$ '\nunsetopt PROMPT_SP\nautoload -U compinit && compinit -u -d "$HOME/.zcompdump"\n${init}\n`;
  return `function fish_prompt; echo -n '$ '; end\nset -g fish_greeting ''\n${init}\n`;
}

/**
 * Starts `shell` in tmux. `init` runs first (e.g. loading a completion script); `pathDir` goes
 * first on PATH (a folder with an `awsctl`).
 */
export async function startShell(
  shell: InteractiveShell,
  home: string,
  options: { init?: string; pathDir?: string; env?: Record<string, string> } = {},
): Promise<ShellSession> {
  const socket = `awsctl-shell-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
  const env = cleanEnv(home, { TERM: 'xterm-256color', SHELL: `/usr/bin/${shell}`, ...options.env });
  if (options.pathDir) env.PATH = `${options.pathDir}:${env.PATH}`;
  const rc = join(home, shell === 'zsh' ? '.zshrc' : `.${shell}-test-rc`);
  writeFileSync(rc, rcText(shell, options.init ?? ''));
  const tmux = (...words: string[]) => execFileSync('tmux', ['-L', socket, ...words], { encoding: 'utf8' });
  const exports = Object.entries(env)
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join(' ');
  tmux('new-session', '-d', '-x', '200', '-y', '50', '-s', 'sh', `cd ${quote(home)} && exec env -i ${exports} ${shellCommand(shell, rc)}`);
  const session: ShellSession = {
    type: (text) => void tmux('send-keys', '-t', 'sh', '-l', text),
    press: (...keys) => void tmux('send-keys', '-t', 'sh', ...keys),
    run(line) {
      session.type(line);
      session.press('Enter');
    },
    screen: () => tmux('capture-pane', '-p', '-J', '-S', '-500', '-t', 'sh'),
    async waitForScreen(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = session.screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`${shell}: the screen never showed ${pattern}; it shows:\n${text}`);
        await sleep(50);
      }
    },
    close() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  await session.waitForScreen(/\$ $/m);
  return session;
}
