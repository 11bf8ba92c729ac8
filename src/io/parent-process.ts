// The program of the process that started awsctl (usually the shell that will evaluate
// `awsctl env`), for the default output format. Linux: /proc (the executable, not `comm`, which
// for a `#!/bin/bash` script is the script's name); macOS: `ps`. Anything else, or any failure:
// undefined, and the caller falls back to $SHELL.
export function parentProgram(platform: NodeJS.Platform, ppid: number): string | undefined {
  try {
    if (platform === 'linux') {
      const fs = process.getBuiltinModule('node:fs');
      try {
        return fs.readlinkSync(`/proc/${ppid}/exe`);
      } catch {
        return fs.readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() || undefined;
      }
    }
    if (platform === 'darwin') {
      const { execFileSync } = process.getBuiltinModule('node:child_process');
      const out = execFileSync('/bin/ps', ['-o', 'comm=', '-p', String(ppid)], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
      return out.trim() || undefined;
    }
  } catch {
    // not readable (another user's process, a sandbox): fall back
  }
  return undefined;
}
