// The commands start-up treats specially (the fast path and direct dispatch, README.md): what
// SDKs and shell prompts run over and over. One list for the launcher, the single binary's
// entry and direct dispatch.
export type FastCommand = 'process' | 'env';

export function isFastCommand(name: string | undefined): name is FastCommand {
  return name === 'process' || name === 'env';
}
