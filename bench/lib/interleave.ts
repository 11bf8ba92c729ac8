// Interleaved measurement. Every round runs each case right next to a run of the baseline
// (`node -e 0`), in a shuffled case order and alternating which of the pair goes first, so a
// burst of load from elsewhere on the machine, or a slow drift, hits the case and its baseline
// alike and cancels out of the ratio.
import { runTimed, type Invocation, type Timed } from './spawn.ts';

export interface TimedCase {
  name: string;
  invocation: Invocation;
  /** Why a run is wrong (undefined = fine): a bench of an error path would measure nothing useful. */
  check?: (result: Timed) => string | undefined;
  /** The exit status the case must end with (default 0); not 0 only for an error path measured on purpose. */
  exitCode?: number;
}

export interface Measured {
  name: string;
  samples: number[];
  /** The baseline run paired with each sample (same index). */
  baseline: number[];
  /** Set when the case failed its check; such a case is not timed. */
  failure?: string;
}

export interface InterleaveOptions {
  runs: number;
  warmup: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/** A deterministic shuffle (mulberry32), so two bench runs use the same orders. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function describeFailure(result: Timed, check?: TimedCase['check'], exitCode = 0): string | undefined {
  if (result.code !== exitCode) return `exit ${result.code ?? result.signal}: ${(result.stderr.trim().split('\n').pop() ?? '').slice(0, 200)}`;
  return check?.(result);
}

export async function measureInterleaved(cases: readonly TimedCase[], baseline: TimedCase, options: InterleaveOptions): Promise<Measured[]> {
  const results = new Map<string, Measured>(cases.map((c) => [c.name, { name: c.name, samples: [], baseline: [] }]));
  // Warm-up: fills Node's compile cache and the page cache, and proves each case does what it claims.
  for (let round = 0; round < Math.max(1, options.warmup); round++) {
    await runTimed(baseline.invocation);
    for (const c of cases) {
      const measured = results.get(c.name)!;
      if (measured.failure) continue;
      const failure = describeFailure(await runTimed(c.invocation), c.check, c.exitCode);
      if (failure) measured.failure = failure;
    }
  }
  const live = cases.filter((c) => !results.get(c.name)!.failure);
  const total = options.runs * live.length;
  let done = 0;
  for (let round = 0; round < options.runs; round++) {
    for (const c of shuffled(live, (options.seed ?? 1) + round)) {
      const measured = results.get(c.name)!;
      const caseFirst = round % 2 === 1;
      const first = await runTimed(caseFirst ? c.invocation : baseline.invocation);
      const second = await runTimed(caseFirst ? baseline.invocation : c.invocation);
      const [ofCase, ofBaseline] = caseFirst ? [first, second] : [second, first];
      const failure = describeFailure(ofCase, c.check, c.exitCode);
      if (failure) measured.failure = `run ${round + 1}: ${failure}`;
      measured.samples.push(ofCase.ms);
      measured.baseline.push(ofBaseline.ms);
      options.onProgress?.(++done, total);
    }
  }
  return cases.map((c) => results.get(c.name)!);
}
