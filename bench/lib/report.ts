// The bench's findings as one value, and its two renderings: a terminal report and the
// Markdown "Performance" section for bench/RESULTS.md. Pure formatting.
import type { ExternalResult } from '../cases/external.ts';
import type { ScalingRow } from '../cases/parse-scaling.ts';
import type { StampedeResult } from '../cases/stampede.ts';
import type { LoadedChunk } from './load-trace.ts';
import type { Resources } from './spawn.ts';
import type { Summary } from './stats.ts';
import { formatMs, markdownTable, textTable, type Row } from './table.ts';

export interface Machine {
  /** What was measured: the commit, with "+ uncommitted changes" when the tree was not clean. */
  commit: string;
  cpu: string;
  cores: number;
  node: string;
  os: string;
  loadBefore: string;
  loadAfter?: string;
}

export interface StartupRow {
  name: string;
  failure?: string;
  summary?: Summary;
  /** Median of the per-round ratios to the paired `node -e 0` run. */
  ratio?: number;
  resources?: Resources;
}

export interface TraceFindings {
  command: string;
  chunks: LoadedChunk[];
  totalBytes: number;
  extraBuiltins: string[];
  heavy: string[];
}

export interface BenchReport {
  machine: Machine;
  runs: number;
  warmup: number;
  baseline?: { summary: Summary; resources?: Resources };
  startup: StartupRow[];
  trace?: TraceFindings;
  stampede: Array<{ target: string; result: StampedeResult }>;
  scaling?: ScalingRow[];
  external?: ExternalResult[];
}

const mb = (r?: Resources) => (r ? (r.maxRssKb / 1024).toFixed(1) : '–');
const cpu = (r?: Resources) => (r ? formatMs(r.cpuMs) : '–');
const spread = (s: Summary) => `${formatMs(s.p10)}–${formatMs(s.p90)}`;

const STARTUP_HEADER = ['case', 'median ms', 'p10–p90 ms', '× node -e 0', 'CPU ms', 'max RSS MB'];

function startupRows(report: BenchReport): Row[] {
  const rows: Row[] = [];
  if (report.baseline)
    rows.push([
      'node -e 0 (baseline)',
      formatMs(report.baseline.summary.median),
      spread(report.baseline.summary),
      '1.00',
      cpu(report.baseline.resources),
      mb(report.baseline.resources),
    ]);
  for (const row of report.startup) {
    if (row.failure || !row.summary) rows.push([row.name, 'FAILED', 'see below', '', '', '']);
    else rows.push([row.name, formatMs(row.summary.median), spread(row.summary), (row.ratio ?? Number.NaN).toFixed(2), cpu(row.resources), mb(row.resources)]);
  }
  return rows;
}

const STAMPEDE_HEADER = ['target', 'processes', 'AssumeRole calls', 'successes', 'wall ms (median)'];
function stampedeRows(report: BenchReport): Row[] {
  return report.stampede.map(({ target, result }) => {
    const wall = [...result.wallMs].sort((a, b) => a - b)[Math.floor(result.wallMs.length / 2)] ?? Number.NaN;
    return [target, result.processes, result.assumeRoleCalls.join(', '), result.successes.join(', '), formatMs(wall)];
  });
}

const SCALING_HEADER = ['profiles', 'config bytes', 'scan + 1 profile ms', 'every profile ms', 'µs per profile', 'lossless parse ms'];
const scalingRows = (rows: ScalingRow[]): Row[] =>
  rows.map((r) => [
    r.profiles.toLocaleString('en-US'),
    r.bytes.toLocaleString('en-US'),
    formatMs(r.oneProfileMs),
    formatMs(r.allProfilesMs),
    r.perProfileUs.toFixed(2),
    formatMs(r.losslessMs),
  ]);

function traceText(trace: TraceFindings): string {
  const lines = [`Loaded on \`${trace.command}\`: ${trace.chunks.length} bundle files, ${(trace.totalBytes / 1024).toFixed(1)} KiB.`];
  lines.push(`Built-in modules beyond \`node -e 0\`: ${trace.extraBuiltins.filter((b) => !b.startsWith('internal/')).join(', ') || 'none'}.`);
  lines.push(
    `Heavy libraries loaded: ${trace.heavy.length === 0 ? 'none (undici, fast-xml-parser, @smithy/*, @inquirer/*, chalk, commander all absent)' : trace.heavy.join(', ')}.`,
  );
  return lines.join('\n');
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.os}; load average ${m.loadBefore}${m.loadAfter ? ` → ${m.loadAfter}` : ''}`;
}

export function renderText(report: BenchReport): string {
  const parts = [
    `commit: ${report.machine.commit}`,
    `machine: ${machineLine(report.machine)}`,
    `runs: ${report.runs} per case (+${report.warmup} warm-up), each paired with a node -e 0 run`,
    '',
  ];
  parts.push(textTable(STARTUP_HEADER, startupRows(report)), '');
  for (const row of report.startup) if (row.failure) parts.push(`FAILED ${row.name}: ${row.failure}`);
  for (const { target, result } of report.stampede) for (const failure of new Set(result.failures)) parts.push(`stampede [${target}] failure: ${failure}`);
  if (report.trace) parts.push(traceText(report.trace), '');
  if (report.stampede.length > 0) parts.push('cold-cache stampede (fake STS, 200 ms latency):', textTable(STAMPEDE_HEADER, stampedeRows(report)), '');
  if (report.scaling)
    parts.push(
      'profile files in-process (scan + the profile asked for; every profile; the lossless parse):',
      textTable(SCALING_HEADER, scalingRows(report.scaling)),
      '',
    );
  for (const ext of report.external ?? []) {
    parts.push(ext.present ? `${ext.script} (exit ${ext.code}, ${formatMs(ext.ms ?? Number.NaN)} ms):\n${ext.output ?? ''}` : `${ext.script}: not present`, '');
  }
  return parts.join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const parts = [
    '## Performance',
    '',
    `Measured with \`npm run bench\` at commit ${report.machine.commit}, on ${machineLine(report.machine)}. Each case ran ${report.runs} times, every run paired with a run of \`node -e 0\` right next to it; the ratio is the median of the per-pair ratios, so load from elsewhere cancels. CPU time (user + system, from bash's \`times\`) and peak memory (max RSS, from GNU \`time\`) are medians of separate runs (3, or 1 with \`--quick\`).`,
    '',
    markdownTable(STARTUP_HEADER, startupRows(report)),
    '',
  ];
  if (report.trace) parts.push(traceText(report.trace), '');
  if (report.stampede.length > 0)
    parts.push(
      'Cold-cache stampede: processes started at once on an empty cache, against a fake STS answering in 200 ms.',
      '',
      markdownTable(STAMPEDE_HEADER, stampedeRows(report)),
      '',
    );
  if (report.scaling)
    parts.push(
      'Profile files, in-process, best of several runs: the scan plus the one profile `process` asks for; every profile, as `profiles` reads them (a flat per-profile cost means linear scaling); the lossless parse the editing commands use.',
      '',
      markdownTable(SCALING_HEADER, scalingRows(report.scaling)),
      '',
    );
  for (const ext of report.external ?? []) if (ext.present) parts.push(`\`${ext.script}\`:`, '', '```', ext.output ?? '', '```', '');
  return parts.join('\n');
}
