// Which `--format` the output of `env`/`assume` defaults to: the one the shell running awsctl
// can evaluate. fish users following `awsctl env | source` would otherwise get `unset` lines fish
// does not know. The parent process decides (it is the shell that evaluates the output), then
// $SHELL, then sh. Pure: the names come from the Context.
import type { EnvFormat } from './env-formats.ts';

const SHELL_FORMATS: Record<string, EnvFormat> = {
  sh: 'sh',
  bash: 'sh',
  dash: 'sh',
  zsh: 'sh',
  ksh: 'sh',
  ksh93: 'sh',
  mksh: 'sh',
  pdksh: 'sh',
  ash: 'sh',
  yash: 'sh',
  posh: 'sh',
  busybox: 'sh',
  fish: 'fish',
  pwsh: 'powershell',
  powershell: 'powershell',
  cmd: 'cmd',
};

/** `/usr/bin/fish`, `-bash` (a login shell), `pwsh.exe` → the format that shell evaluates; else undefined. */
function envFormatForShell(program: string | undefined): EnvFormat | undefined {
  if (!program) return undefined;
  const base = program
    .trim()
    .replace(/^.*[\\/]/, '')
    .replace(/^-/, '')
    .replace(/\.exe$/i, '')
    .toLowerCase();
  return Object.hasOwn(SHELL_FORMATS, base) ? SHELL_FORMATS[base] : undefined;
}

export function defaultEnvFormat(parentProgram: string | undefined, shellVariable: string | undefined): EnvFormat {
  return envFormatForShell(parentProgram) ?? envFormatForShell(shellVariable) ?? 'sh';
}
