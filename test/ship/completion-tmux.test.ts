// Completion as a person meets it: an interactive bash, zsh and fish in tmux load the shipped
// script, Tab is pressed, and the screen must show the completed word on the command line
// (issue 15: bash once put every subcommand, newline-separated, into the line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempHome } from '../helpers/cli.ts';
import { startShell, type InteractiveShell, type ShellSession } from '../helpers/tmux-shell.ts';
import { NO_BUNDLE, awsctlShimDir, bundleBuilt, completionFile } from './shells.ts';
import { skipWithoutTool } from '../helpers/tools.ts';

const PROFILES = {
  '.aws/config': '[default]\nregion = eu-west-1\n[profile dev-admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n',
};

/** Partial command line → the line after one Tab; words a second Tab must list. */
const CASES: Array<[string, string, string[]?]> = [
  ['awsctl conf', 'awsctl configure '],
  // Several candidates: nothing (or the common prefix) is inserted, and Tab again lists them.
  ['awsctl ', 'awsctl ', ['assume', 'configure', 'whoami']],
  ['awsctl sso lo', 'awsctl sso log', ['login', 'logout']],
  ['awsctl env --for', 'awsctl env --format '],
  ['awsctl env --format ', 'awsctl env --format ', ['powershell', 'dotenv']],
  ['awsctl env --format po', 'awsctl env --format powershell '],
  ['awsctl whoami --profile dev-a', 'awsctl whoami --profile dev-admin '],
  ['awsctl whoami --profile d', 'awsctl whoami --profile de', ['default', 'dev-admin']],
];

const LOAD: Record<InteractiveShell, string> = {
  bash: `source ${completionFile('awsctl.bash')}`,
  zsh: `source ${completionFile('_awsctl')}`,
  fish: `source ${completionFile('awsctl.fish')}`,
};

async function waitForPromptLine(session: ShellSession, wanted: string): Promise<string> {
  const lastPrompt = (screen: string) =>
    screen
      .split('\n')
      .filter((l) => l.startsWith('$'))
      .at(-1)
      ?.trimEnd() ?? '';
  try {
    await session.waitForScreen({ test: (screen: string) => lastPrompt(screen) === wanted } as RegExp, 15_000);
  } catch {
    // Fall through: the assertion shows what the line held instead.
  }
  return lastPrompt(session.screen());
}

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  const skip = skipWithoutTool('tmux') || skipWithoutTool(shell) || (!bundleBuilt() ? NO_BUNDLE : false);
  test(`${shell}: Tab completes commands, options, choices and profiles on a real terminal`, { skip, timeout: 120_000 }, async () => {
    const session = await startShell(shell, tempHome(PROFILES), { init: LOAD[shell], pathDir: awsctlShimDir() });
    try {
      for (const [typed, expected, listed] of CASES) {
        session.type(typed);
        session.press('Tab');
        // The last prompt line must hold exactly the completion: nothing else inserted.
        const line = await waitForPromptLine(session, `$ ${expected}`.trimEnd());
        assert.equal(line, `$ ${expected}`.trimEnd(), `${shell}: ${typed}<Tab>`);
        if (listed) {
          // bash lists on the second Tab in a row, counted after any insertion.
          session.press('Tab');
          if (shell === 'bash') session.press('Tab');
          const words = (screen: string) =>
            listed.every((word) =>
              new RegExp(`(^|\\s)${word}(\\s|$)`, 'm').test(
                screen
                  .split('\n')
                  .filter((l) => !l.startsWith('$'))
                  .join('\n'),
              ),
            );
          await session.waitForScreen({ test: words } as RegExp).catch(() => {});
          assert.ok(words(session.screen()), `${shell}: ${typed}<Tab><Tab> lists ${listed.join(', ')}; screen:\n${session.screen()}`);
        }
        session.press('C-c');
        await waitForPromptLine(session, '$');
      }
    } finally {
      session.close();
    }
  });
}
