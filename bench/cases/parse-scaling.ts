// Profile-file cost in-process, for growing configs: the per-profile cost should stay flat
// (linear total) from 1k to 100k profiles. Three figures per size, as the commands pay them:
// the check-and-index scan plus reading the one profile asked for (`process`, `env`); reading
// every profile (`profiles`); the lossless parse (the editing commands). Run on the TypeScript
// sources (the same code the bundle contains), each size several times after a warm-up, the
// fastest run taken: on a shared machine a slower run was descheduled or collecting garbage left
// by the run before. (CPU time would not do: process.cpuUsage counts V8's background GC threads.)
import { parseIni } from '../../src/ini/parse.ts';
import { normalizeText } from '../../src/profile/normalize.ts';
import { credentialsFile, manyProfilesConfig } from '../lib/fixtures.ts';
import { summarize } from '../lib/stats.ts';

export interface ScalingRow {
  profiles: number;
  bytes: number;
  /** Best wall ms: scan both files and read one profile (what `process` pays). */
  oneProfileMs: number;
  /** Best wall ms: scan and read every profile (what `profiles` pays). */
  allProfilesMs: number;
  /** Best wall ms: the lossless parse (what `configure set` pays). */
  losslessMs: number;
  /** µs per profile, reading every profile. */
  perProfileUs: number;
  /** Profiles in the normalized set (proves the whole file was understood). */
  normalized: number;
}

const PATHS = { config: '/bench/config', credentials: '/bench/credentials' };

/** Scans both files and reads the last profile; returns how many profiles there are. */
export function readOneProfile(configText: string, credentialsText: string): number {
  const set = normalizeText(configText, credentialsText, PATHS);
  const names = Object.keys(set.profiles);
  if (set.profiles[names[names.length - 1] ?? 'default'] === undefined && names.length > 0) throw new Error('profile not read');
  return names.length;
}

/** Scans both files and reads every profile; returns how many there are. */
export function parseAndNormalize(configText: string, credentialsText: string): number {
  return Object.values(normalizeText(configText, credentialsText, PATHS).profiles).length;
}

function bestMs(repeats: number, run: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return summarize(samples).min;
}

export function measureParseScaling(sizes: readonly number[]): ScalingRow[] {
  const credentials = credentialsFile();
  const warm = manyProfilesConfig(1000); // JIT warm-up
  readOneProfile(warm, credentials);
  parseAndNormalize(warm, credentials);
  parseIni(warm);
  return sizes.map((profiles) => {
    const text = manyProfilesConfig(profiles);
    const repeats = Math.max(3, Math.min(20, Math.round(200_000 / profiles)));
    let normalized = 0;
    const oneProfileMs = bestMs(repeats, () => void readOneProfile(text, credentials));
    const allProfilesMs = bestMs(repeats, () => void (normalized = parseAndNormalize(text, credentials)));
    const losslessMs = bestMs(repeats, () => void parseIni(text));
    return { profiles, bytes: Buffer.byteLength(text), oneProfileMs, allProfilesMs, losslessMs, perProfileUs: (allProfilesMs * 1000) / profiles, normalized };
  });
}
