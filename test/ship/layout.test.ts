// The rule for where code lives (DEVELOPERS.md, "Where code lives") checked against the code:
// the table there is the one copy of the folder levels, and this test reads it. A folder may
// import only folders on a lower level, so the folder import graph has no cycle and no feature
// reaches into another; the pure folders read nothing from the outside world.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { repoRoot } from '../../scripts/gen-docs.ts';

interface Layer {
  folder: string;
  level: number;
  pure: boolean;
}

/** Rows like "| 3 | `src/plan/` | pure | …" of the layout table. */
export function readLayers(markdown: string): Map<string, Layer> {
  const layers = new Map<string, Layer>();
  for (const match of markdown.matchAll(/^\| (\d+) \| `src\/([\w.-]+?)\/?` \| (\w+) \|/gm)) {
    const folder = match[2] === 'errors.ts' ? '(top)' : (match[2] as string);
    layers.set(folder, { folder, level: Number(match[1]), pure: match[3] === 'pure' });
  }
  return layers;
}

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
  specifier: string;
}

/** Every import of a TypeScript file: static (value or type-only) and dynamic. */
export function importsOf(source: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) {
    found.push({ specifier: match[3] as string, typeOnly: match[2] !== undefined });
  }
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: match[1] as string, typeOnly: false });
  for (const match of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: match[1] as string, typeOnly: false });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const src = join(repoRoot, 'src');
const folderOf = (file: string): string => {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? (parts[0] as string) : '(top)';
};

const layers = readLayers(readFileSync(join(repoRoot, 'DEVELOPERS.md'), 'utf8'));
const files = sourceFiles(src);

test('DEVELOPERS.md gives every folder of src/ a level', () => {
  assert.ok(layers.size >= 10, 'the layout table was not found in DEVELOPERS.md');
  for (const file of files) {
    const folder = folderOf(file);
    if (folder === '(top)' && !file.endsWith('errors.ts')) assert.fail(`${relative(repoRoot, file)}: only errors.ts lives at the top of src/`);
    assert.ok(layers.has(folder), `src/${folder}/ is not in DEVELOPERS.md's layout table`);
  }
});

test('a folder imports only folders on a lower level (no cycles, no feature reaching into another)', () => {
  const wrong: string[] = [];
  for (const file of files) {
    const from = folderOf(file);
    for (const { specifier } of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = normalize(join(dirname(file), specifier));
      const to = folderOf(target);
      if (to === from) continue;
      const a = layers.get(from);
      const b = layers.get(to);
      if (!a || !b || b.level >= a.level)
        wrong.push(`${relative(repoRoot, file)} (${from}, level ${a?.level}) imports ${specifier} (${to}, level ${b?.level})`);
    }
  }
  assert.deepEqual(wrong, []);
});

// Reading the clock, the environment, randomness or timers makes a function impure; the pure
// folders take those as values from their callers.
const IMPURE = /\bprocess\.|\bDate\.now\(|\bnew Date\(\)|\bMath\.random\(|\bsetTimeout\(|\bsetInterval\(/;

test('the pure folders use no I/O: no node: modules, no io/ values, no clock, environment or timers', () => {
  const wrong: string[] = [];
  for (const file of files) {
    const layer = layers.get(folderOf(file));
    if (!layer?.pure) continue;
    const text = readFileSync(file, 'utf8');
    for (const { specifier, typeOnly } of importsOf(text)) {
      if (typeOnly) continue;
      const target = specifier.startsWith('.') ? folderOf(normalize(join(dirname(file), specifier))) : '';
      if (specifier.startsWith('node:') || target === 'io') wrong.push(`${relative(repoRoot, file)} imports ${specifier}`);
    }
    const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    const impure = IMPURE.exec(code);
    if (impure) wrong.push(`${relative(repoRoot, file)} uses ${impure[0]}`);
  }
  assert.deepEqual(wrong, []);
});

test('the checks above can fail: a cycle and an impure import are found', () => {
  const sample = "import type { A } from './a.ts';\nimport { b } from '../io/b.ts';\nconst c = await import('../cli/c.ts');\nexport { d } from './d.ts';";
  assert.deepEqual(importsOf(sample), [
    { specifier: './a.ts', typeOnly: true },
    { specifier: '../io/b.ts', typeOnly: false },
    { specifier: './d.ts', typeOnly: false },
    { specifier: '../cli/c.ts', typeOnly: false },
  ]);
  const table = readLayers('| 1 | `src/io/` | io | x |\n| 4 | `src/plan/` | pure | y |\n| 0 | `src/errors.ts` | base | z |');
  assert.deepEqual(
    [...table.values()].map((l) => [l.folder, l.level, l.pure]),
    [
      ['io', 1, false],
      ['plan', 4, true],
      ['(top)', 0, false],
    ],
  );
  assert.ok(IMPURE.test('const t = Date.now();'));
});
