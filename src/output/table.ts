// Plain aligned columns for `profiles`, `configure list` and `sso accounts`, and the `--json`
// twin. Cells are never truncated or wrapped: a long value widens its column, so a line can
// always be copied whole. Colour is the caller's job (it may colour whole lines afterwards).

import { terminalSafe } from '../text/terminal-safe.ts';

interface TableOptions {
  /** Spaces between columns (default 3). */
  gap?: number;
  /** Per-column alignment (default left). Right suits numbers such as account ids. */
  align?: ReadonlyArray<'left' | 'right'>;
}

/** The table as lines: the header first (when `headers` is not empty), then one line per row. */
export function tableLines(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TableOptions = {}): string[] {
  const gap = ' '.repeat(options.gap ?? 3);
  const all = (headers.length > 0 ? [headers, ...rows] : [...rows]).map((row) => row.map(sanitizeCell));
  const columns = Math.max(0, ...all.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...all.map((row) => displayWidth(row[c] ?? ''))));
  return all.map((row) => {
    const cells = widths.map((width, c) => {
      const cell = row[c] ?? '';
      const padding = ' '.repeat(width - displayWidth(cell));
      return options.align?.[c] === 'right' ? padding + cell : cell + padding;
    });
    // No trailing spaces: terminals and `diff` show them as noise.
    return cells.join(gap).trimEnd();
  });
}

export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TableOptions = {}): string {
  const lines = tableLines(headers, rows, options);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The `--json` output: two-space indented, one trailing newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// Characters that would break the one-line-per-row layout or let a config file's contents drive
// the terminal (escape sequences, bidi overrides that reorder what is shown): printed as escapes.
export const sanitizeCell = terminalSafe;

let segmenter: Intl.Segmenter | undefined;

/**
 * Terminal columns `text` takes: per grapheme cluster, 0 for marks and zero-width characters,
 * 2 for East Asian wide and full-width characters and emoji, else 1. Like wcwidth, and counting
 * a ZWJ emoji sequence or a flag as the one wide glyph modern terminals draw.
 */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

function graphemeWidth(grapheme: string): number {
  const first = grapheme.codePointAt(0) ?? 0;
  if (/^\p{Regional_Indicator}{2}$/u.test(grapheme)) return 2;
  // VS16 asks for the emoji (wide) presentation of a narrow symbol such as ❤.
  if (grapheme.includes('\uFE0F') && /\p{Extended_Pictographic}/u.test(grapheme)) return 2;
  return codePointWidth(first);
}

function codePointWidth(code: number): number {
  const c = String.fromCodePoint(code);
  if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(c) || (code >= 0x1160 && code <= 0x11ff)) return 0;
  return isWide(code) ? 2 : 1;
}

// East Asian Wide (W) and Fullwidth (F) blocks (Unicode 15, EastAsianWidth.txt), coarsened to
// whole blocks where the gaps are unassigned, plus the emoji-presentation ranges.
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7],
  [0x1f6dc, 0x1f6df],
  [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0],
  [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(code: number): boolean {
  let low = 0;
  let high = WIDE_RANGES.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = WIDE_RANGES[mid] as readonly [number, number];
    if (code < start) high = mid - 1;
    else if (code > end) low = mid + 1;
    else return true;
  }
  return false;
}
