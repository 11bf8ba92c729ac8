// Shared shape of a conformance suite: each file in suites/ exports `suite`, which reads the
// shared SDK data in place (never copied into this repo) and reports one result per case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type CaseResult = { name: string; status: 'pass' } | { name: string; status: 'fail'; detail: string } | { name: string; status: 'skip'; reason: string };

export interface Suite {
  /** Short label printed in the report, e.g. "profile-parser (smithy-rs)". */
  name: string;
  /** Path of the data relative to the conformance root; the suite is skipped when missing. */
  data: string;
  run(root: string): Promise<CaseResult[]>;
}

export function readJson<T = unknown>(root: string, relative: string): T {
  return JSON.parse(readFileSync(join(root, relative), 'utf8')) as T;
}

export const RS = 'smithy-rs/aws/rust-runtime';

/** Deep equality for JSON-shaped values, key order ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function describeMismatch(expected: unknown, actual: unknown): string {
  return `expected ${JSON.stringify(expected)} got ${JSON.stringify(actual)}`;
}
