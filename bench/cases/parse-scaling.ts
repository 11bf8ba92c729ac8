// Parse + normalize cost in-process, for growing configs: the per-profile cost should stay flat
// (linear total) from 1k to 100k profiles. Run on the TypeScript sources (the same code the
// bundle contains), each size several times after a warm-up, median taken. Timed in CPU time
// of this process (process.cpuUsage), not wall time: on a shared machine a descheduled moment
// would otherwise read as parse cost.
import { parseIni } from '../../src/ini/parse.ts';
import { normalize } from '../../src/profile/normalize.ts';
import { credentialsFile, manyProfilesConfig } from '../lib/fixtures.ts';
import { summarize } from '../lib/stats.ts';

export interface ScalingRow {
  profiles: number;
  bytes: number;
  /** Median CPU time (user + system) of one parse + normalize. */
  medianMs: number;
  perProfileUs: number;
  /** Profiles in the normalized set (proves the whole file was understood). */
  normalized: number;
}

export function parseAndNormalize(configText: string, credentialsText: string): number {
  const set = normalize(parseIni(configText), parseIni(credentialsText), { config: '/bench/config', credentials: '/bench/credentials' });
  return Object.keys(set.profiles).length;
}

export function measureParseScaling(sizes: readonly number[]): ScalingRow[] {
  const credentials = credentialsFile();
  parseAndNormalize(manyProfilesConfig(1000), credentials); // JIT warm-up
  return sizes.map((profiles) => {
    const text = manyProfilesConfig(profiles);
    const repeats = Math.max(3, Math.min(20, Math.round(200_000 / profiles)));
    const samples: number[] = [];
    let normalized = 0;
    for (let i = 0; i < repeats; i++) {
      const started = process.cpuUsage();
      normalized = parseAndNormalize(text, credentials);
      const used = process.cpuUsage(started);
      samples.push((used.user + used.system) / 1000);
    }
    const medianMs = summarize(samples).median;
    return { profiles, bytes: Buffer.byteLength(text), medianMs, perProfileUs: (medianMs * 1000) / profiles, normalized };
  });
}
