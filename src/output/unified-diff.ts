// A unified diff (pure), for `sso populate --dry-run`: what `diff -u` would print for the
// config file before and after. Common leading and trailing lines are set aside first; the
// middle gets Myers' shortest edit script, and when that would take too much memory (huge,
// wholly different middles) it is shown as one replacement, which is still a correct diff.

type Op = { kind: ' ' | '-' | '+'; text: string };

function splitForDiff(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Myers' algorithm on the middle part; undefined when the edit distance passes `maxD`. */
function myers(a: string[], b: string[], maxD: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, [...trace.slice(1), next], d, offset);
    }
    v = next;
  }
  return undefined;
}

function backtrack(a: string[], b: string[], states: Int32Array[], dFinal: number, offset: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dFinal; d > 0; d--) {
    const v = states[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', text: a[--x]! });
      y--;
    }
    if (down) ops.push({ kind: '+', text: b[--y]! });
    else ops.push({ kind: '-', text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', text: a[--x]! });
    y--;
  }
  return ops.reverse();
}

function editScript(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  // Memory is about maxD × (|midA| + |midB|) × 8 bytes: keep it under ~100 MB.
  const maxD = Math.max(16, Math.floor(12_000_000 / (midA.length + midB.length + 1)));
  const middle = myers(midA, midB, maxD) ?? [...midA.map((text) => ({ kind: '-' as const, text })), ...midB.map((text) => ({ kind: '+' as const, text }))];
  const same = (text: string): Op => ({ kind: ' ', text });
  return [...a.slice(0, start).map(same), ...middle, ...a.slice(endA).map(same)];
}

const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

export function unifiedDiff(before: string, after: string, labels: { before: string; after: string }, context = 3): string {
  const ops = editScript(splitForDiff(before), splitForDiff(after));
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  let index = 0;
  let scanned = 0;
  let oldLine = 1;
  let newLine = 1;
  while (index < changed.length) {
    const first = Math.max(0, changed[index]! - context);
    let last = changed[index]!;
    while (index + 1 < changed.length && changed[index + 1]! - last <= 2 * context) last = changed[++index]!;
    index++;
    const end = Math.min(ops.length - 1, last + context);
    for (; scanned < first; scanned++) {
      if (ops[scanned]!.kind !== '+') oldLine++;
      if (ops[scanned]!.kind !== '-') newLine++;
    }
    const hunk = ops.slice(first, end + 1);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, ...hunk.map((op) => `${op.kind}${op.text.replace(/\r$/, '')}`));
  }
  return `${out.join('\n')}\n`;
}
