// A real Secret Service for tests: a private D-Bus session (dbus-run-session) running
// gnome-keyring-daemon with its login keyring unlocked by a known password, HOME in a temp
// folder so the keyring files land there. Tests hand `env` (DBUS_SESSION_BUS_ADDRESS, HOME's
// keyring folder) to the CLIs they spawn. `stop()` ends this session's processes only.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { tempDir } from './cli.ts';

export interface SecretService {
  env: Record<string, string>;
  /** secret-tool run inside the session (what another program on the desktop would see). */
  secretTool(args: string[]): string;
  stop(): Promise<void>;
}

export function hasSecretServiceTools(): string | undefined {
  for (const tool of ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (Debian: dbus, gnome-keyring, libsecret-tools)`;
    }
  }
  return undefined;
}

export async function startSecretService(): Promise<SecretService> {
  const home = tempDir('awsctl-keyring-');
  // The daemon prints its variables; the shell then prints the bus address and waits for stdin
  // to close, which keeps the session alive for as long as the test needs it.
  const script =
    'echo -n awsctl-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; echo "BUS=$DBUS_SESSION_BUS_ADDRESS"; cat >/dev/null';
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: `${home}/.local/share`, XDG_RUNTIME_DIR: home, LANG: 'C.UTF-8' },
    stdio: ['pipe', 'pipe', 'ignore'],
    detached: true,
  });
  const bus = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the Secret Service did not start: ${out}`)), 20_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /BUS=(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`dbus-run-session ended (${code}): ${out}`)));
  });
  const env = { DBUS_SESSION_BUS_ADDRESS: bus, XDG_RUNTIME_DIR: home };
  return {
    env,
    secretTool: (args) => execFileSync('secret-tool', args, { env: { PATH: process.env.PATH ?? '', HOME: home, ...env }, encoding: 'utf8' }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.stdin!.end();
        // The whole process group of this session only (dbus-daemon, the keyring daemon, sh).
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGTERM');
          } catch {
            /* already gone */
          }
        }, 200).unref();
      }),
  };
}
