// bench/run.ts's command line. Pure: argv in, options out.

export const SECTIONS = ['startup', 'trace', 'stampede', 'scaling', 'external'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  runs: number;
  warmup: number;
  quick: boolean;
  /** Build build/awsctl with and without code cache (scripts/package.ts) and bench them too. */
  binary: boolean;
  /** Leave out build/awsctl even when it exists. */
  scriptOnly: boolean;
  sections: Set<Section>;
  /** Only cases whose name contains this. */
  only?: string;
  launcher?: string;
  metafile?: string;
  json?: string;
  results?: string;
  bigCount: number;
  scalingSizes: number[];
  stampede: { processes: number; rounds: number; latencyMs: number };
}

export const USAGE = `usage: node bench/run.ts [--runs N] [--warmup N] [--quick] [--binary | --script-only] [--only <text>] [--stampede-processes N]
                        [--sections ${SECTIONS.join(',')}] [--skip <sections>]
                        [--launcher bin/awsctl] [--metafile build/dist-meta.json]
                        [--json out.json] [--results bench/RESULTS.md]`;

function numberOption(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} needs a whole number, got ${JSON.stringify(value)}\n${USAGE}`);
  return parsed;
}

function sectionList(value: string | undefined): Section[] {
  const names = (value ?? '').split(',').filter(Boolean);
  for (const name of names) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown section ${name}\n${USAGE}`);
  return names as Section[];
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    runs: quick ? 5 : 25,
    warmup: quick ? 1 : 2,
    quick,
    binary: false,
    scriptOnly: false,
    sections: new Set(SECTIONS),
    bigCount: quick ? 1000 : 10_000,
    scalingSizes: quick ? [1000, 10_000] : [1000, 10_000, 100_000],
    stampede: { processes: 24, rounds: quick ? 1 : 3, latencyMs: 200 },
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i];
    if (arg === '--quick') continue;
    else if (arg === '--runs') options.runs = Math.max(1, numberOption(arg, value()));
    else if (arg === '--warmup') options.warmup = numberOption(arg, value());
    else if (arg === '--binary') options.binary = true;
    else if (arg === '--script-only') options.scriptOnly = true;
    else if (arg === '--stampede-processes') options.stampede.processes = Math.max(1, numberOption(arg, value()));
    else if (arg === '--only') options.only = value();
    else if (arg === '--sections') options.sections = new Set(sectionList(value()));
    else if (arg === '--skip') for (const s of sectionList(value())) options.sections.delete(s);
    else if (arg === '--launcher') options.launcher = value();
    else if (arg === '--metafile') options.metafile = value();
    else if (arg === '--json') options.json = value();
    else if (arg === '--results') options.results = value();
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}
