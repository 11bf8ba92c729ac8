// Writes the shipped completion scripts (completions/) and the man page (man/awsctl.1) from
// the commander definitions. `npm run gen` runs it; test/ship/generated.test.ts fails when a
// checked-in file differs from what this produces, so the files never drift from the CLI.
// `node scripts/gen-docs.ts --check` only compares, and exits 1 on a difference.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram } from '../src/cli/program.ts';
import { completionScript, type Shell } from '../src/docgen/completion-gen.ts';
import { manPage } from '../src/docgen/man-gen.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const COMPLETION_FILES: Record<Shell, string> = {
  bash: 'completions/awsctl.bash',
  zsh: 'completions/_awsctl',
  fish: 'completions/awsctl.fish',
  powershell: 'completions/awsctl.ps1',
};

/** Every generated file, by path relative to the repository root. */
export function generatedFiles(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const files: Record<string, string> = {};
  for (const [shell, path] of Object.entries(COMPLETION_FILES) as [Shell, string][]) {
    files[path] = completionScript(shell, buildProgram());
  }
  files['man/awsctl.1'] = manPage(buildProgram(), pkg.version);
  return files;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

if (import.meta.main) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, content] of Object.entries(generatedFiles())) {
    const full = join(repoRoot, path);
    if (readOrEmpty(full) === content) continue;
    stale++;
    if (check) {
      process.stderr.write(`${path} is out of date; run npm run gen\n`);
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  process.exitCode = check && stale > 0 ? 1 : 0;
}
