// Fault script for issue 6: `configure set` killed with SIGKILL at a random moment must leave
// the config file either as it was or as intended — parseable, every other byte identical —
// and no temp file that a later run does not clean up.
//
//   npm run build && node bench/configure-kill.ts [--runs 100] [--max-delay-ms 150]
//
// Each run starts `awsctl configure set region v<i> --profile target` against a config full of
// other content, and kills it after a random delay. Runs are sequential, so "old" is the value
// before the run and "new" the one it was writing.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIni } from '../src/ini/parse.ts';
import { awsctlCommand, cleanEnv, tempHome } from '../test/helpers/cli.ts';

const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const runs = option('--runs', 100);
const maxDelayMs = option('--max-delay-ms', 150);

const fileWith = (value: string): string =>
  [
    '# keep me',
    '[default]',
    'region = us-east-1 ; inline',
    '',
    '[profile target]   # header comment',
    'output = json',
    `region = ${value}`,
    's3 =',
    '  max_concurrent_requests = 10',
    '',
    '[profile other]',
    'region=eu-west-1',
    '',
  ].join('\r\n');

const home = tempHome({ '.aws/config': fileWith('v0') });
const folder = join(home, '.aws');
const configPath = join(folder, 'config');

/** Anything awsctl may leave beside the file: atomic-write temps and lock files. */
function leftovers(): string[] {
  return readdirSync(folder).filter((name) => name !== 'config' && name !== 'credentials');
}

function runSet(value: string, killAfterMs: number | undefined): Promise<{ killed: boolean; code: number | null }> {
  const [cmd, ...pre] = awsctlCommand;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, [...pre, 'configure', 'set', 'region', value, '--profile', 'target'], { env: cleanEnv(home), stdio: 'ignore' });
    let killed = false;
    const timer =
      killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null) killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ killed, code });
    });
  });
}

let current = 'v0';
const tally = { kills: 0, finishedBeforeKill: 0, landedOld: 0, landedNew: 0, corrupt: 0, failedExit: 0 };
let maxLeftoversSeen = 0;
/** Runs after which a leftover was present, by kind: the lock itself, a lock temp, an atomic-write temp. */
const leftoverKinds = { lock: 0, lockTemp: 0, writeTemp: 0 };
const kindOf = (name: string): keyof typeof leftoverKinds =>
  name === '.config.awsctl-lock' ? 'lock' : name.startsWith('.config.awsctl-lock') ? 'lockTemp' : 'writeTemp';
for (let i = 1; i <= runs; i++) {
  const wanted = `v${i}`;
  const { killed, code } = await runSet(wanted, Math.random() * maxDelayMs);
  const text = readFileSync(configPath, 'utf8');
  const present = leftovers();
  maxLeftoversSeen = Math.max(maxLeftoversSeen, present.length);
  for (const kind of new Set(present.map(kindOf))) leftoverKinds[kind]++;
  if (killed) tally.kills++;
  else {
    tally.finishedBeforeKill++;
    if (code !== 0) tally.failedExit++;
  }
  if (parseIni(text).errors.length === 0 && text === fileWith(wanted)) {
    tally.landedNew++;
    current = wanted;
  } else if (parseIni(text).errors.length === 0 && text === fileWith(current)) tally.landedOld++;
  else {
    tally.corrupt++;
    writeFileSync(configPath, fileWith(current));
  }
}

const before = leftovers();
const final = await runSet('final', undefined);
const after = leftovers();
const finalOk = final.code === 0 && readFileSync(configPath, 'utf8') === fileWith('final');

console.log(`configure-kill: ${runs} runs of \`configure set\`, SIGKILL after 0–${maxDelayMs} ms`);
console.log(`  killed while running:        ${tally.kills}`);
console.log(`  finished before the kill:    ${tally.finishedBeforeKill} (non-zero exit: ${tally.failedExit})`);
console.log(`  file afterwards: old value   ${tally.landedOld}`);
console.log(`  file afterwards: new value   ${tally.landedNew}`);
console.log(`  file corrupt / other bytes:  ${tally.corrupt}`);
console.log(`  leftover files, most at once during the runs: ${maxLeftoversSeen}`);
console.log(
  `  runs that left a stale lock / lock temp / write temp (each cleaned by a later run): ${leftoverKinds.lock} / ${leftoverKinds.lockTemp} / ${leftoverKinds.writeTemp}`,
);
console.log(`  leftover files before cleanup run: ${before.length}${before.length ? ` (${before.join(', ')})` : ''}`);
console.log(`  leftover files after one more \`configure set\`: ${after.length}${after.length ? ` (${after.join(', ')})` : ''}`);
console.log(`  cleanup run wrote the file correctly: ${finalOk}`);
const ok = tally.corrupt === 0 && tally.failedExit === 0 && after.length === 0 && finalOk;
console.log(ok ? 'OK' : 'FAILED');
process.exitCode = ok ? 0 : 1;
