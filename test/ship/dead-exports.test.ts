// No dead exports: every name a module in src/ exports is used by some other file (source, test,
// script or bench). An export nothing imports is either dead code or a private helper that says
// it is part of the module's surface; both mislead a reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../scripts/gen-docs.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** The exported declarations of a module's text (export function/const/class/interface/type/let). */
export function exportedNames(text: string): string[] {
  return [...text.matchAll(/^export (?:async )?(?:function|const|class|interface|type|let) (\w+)/gm)].map((m) => m[1] as string);
}

const words = (text: string): Set<string> => new Set(text.split(/[^\w$]+/));

test('every export of src/ is used outside its own module', () => {
  const all = ['src', 'test', 'scripts', 'bench'].flatMap((dir) => files(join(repoRoot, dir)));
  const wordsOf = new Map(all.map((file) => [file, words(readFileSync(file, 'utf8'))]));
  const dead: string[] = [];
  for (const file of all.filter((f) => f.startsWith(join(repoRoot, 'src')) && f.endsWith('.ts'))) {
    for (const name of exportedNames(readFileSync(file, 'utf8'))) {
      const used = [...wordsOf].some(([other, set]) => other !== file && set.has(name));
      if (!used) dead.push(`${relative(repoRoot, file)}: ${name}`);
    }
  }
  assert.deepEqual(dead, [], 'exported but used nowhere else: drop the export (or the code)');
});

test('the export scan finds declarations and nothing else', () => {
  assert.deepEqual(
    exportedNames(
      'export function a() {}\nexport async function b() {}\nexport const c = 1;\nexport interface D {}\nexport type E = 1;\nconst f = 2;\n  export const g = 3;',
    ),
    ['a', 'b', 'c', 'D', 'E'],
  );
});
