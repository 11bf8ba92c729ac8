// Opening the sign-in page. Whether a browser can be opened at all (not over SSH, a display on
// Linux and other X11/Wayland systems) decides between the PKCE flow and the device code flow;
// which command opens it follows Python's webbrowser convention for $BROWSER (a list of
// commands separated by the path separator; `%s` marks where the URL goes, else it is appended)
// and otherwise the platform's opener.
import type { Env } from './context.ts';

export interface BrowserAvailability {
  canOpen: boolean;
  /** Why not, for the message that explains the device code flow. */
  reason?: string;
}

const nonEmpty = (env: Env, name: string): boolean => (env[name] ?? '').trim() !== '';

/** Pure: whether a browser on this machine could show the sign-in page. */
export function browserAvailability(env: Env, platform: string): BrowserAvailability {
  // An explicit $BROWSER is the person saying how to open pages, even over SSH.
  if (nonEmpty(env, 'BROWSER')) return { canOpen: true };
  if (nonEmpty(env, 'SSH_CONNECTION') || nonEmpty(env, 'SSH_TTY') || nonEmpty(env, 'SSH_CLIENT')) {
    return { canOpen: false, reason: 'this is an SSH session' };
  }
  if (platform === 'darwin' || platform === 'win32') return { canOpen: true };
  if (nonEmpty(env, 'DISPLAY') || nonEmpty(env, 'WAYLAND_DISPLAY')) return { canOpen: true };
  return { canOpen: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
}

/** Splits a command line on blanks, honouring simple single and double quotes (enough for $BROWSER). */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === ' ' || ch === '\t') {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

/** Pure: the commands to try, in order, each as argv. */
export function browserCommands(url: string, env: Env, platform: string): string[][] {
  const configured = (env.BROWSER ?? '').trim();
  if (configured !== '') {
    const separator = platform === 'win32' ? ';' : ':';
    return configured
      .split(separator)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => (entry.includes('%s') ? splitCommandLine(entry).map((word) => word.replaceAll('%s', url)) : [...splitCommandLine(entry), url]))
      .filter((argv) => argv.length > 0);
  }
  if (platform === 'darwin') return [['open', url]];
  // rundll32 takes the URL as one argument: no cmd.exe, so `&` in the query stays inert.
  if (platform === 'win32') return [['rundll32', 'url.dll,FileProtocolHandler', url]];
  return [['xdg-open', url]];
}

export type UrlOpener = (url: string) => Promise<boolean>;

/**
 * Starts the first command that can be started, detached and without waiting for it: a browser
 * started by the command may run for hours. True when one started.
 */
export function createBrowserOpener(env: Env, platform: NodeJS.Platform, debug: (message: string) => void): UrlOpener {
  return async (url) => {
    const { spawn } = await import('node:child_process');
    for (const argv of browserCommands(url, env, platform)) {
      const started = await new Promise<boolean>((resolve) => {
        try {
          const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', env: env as NodeJS.ProcessEnv });
          child.once('error', () => resolve(false));
          child.once('spawn', () => {
            child.unref();
            resolve(true);
          });
        } catch {
          resolve(false);
        }
      });
      debug(`sso: browser command ${argv[0]} ${started ? 'started' : 'could not be started'}`);
      if (started) return true;
    }
    return false;
  };
}
