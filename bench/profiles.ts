// `awsctl profiles` on a 10,000-profile config, against the floor of starting Node at all.
//
//   npm run build && node bench/profiles.ts [--profiles 10000] [--runs 7]
//
// Prints the median wall time of `awsctl profiles`, `awsctl profiles --json`,
// `awsctl configure list-profiles` (what shell completion runs at each Tab) and `node -e 0`,
// measured in the same run, and each one's ratio to `node -e 0`.
import { spawnSync } from 'node:child_process';
import { awsctlCommand, cleanEnv, tempHome } from '../test/helpers/cli.ts';

const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const count = option('--profiles', 10_000);
const runs = option('--runs', 7);

/** A realistic mix: static keys (credentials file), role chains, SSO, credential_process. */
function generate(n: number): { config: string; credentials: string } {
  const config: string[] = ['[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', ''];
  const credentials: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `p${String(i).padStart(5, '0')}`;
    config.push(`[profile ${name}]`, `region = eu-west-${(i % 3) + 1}`);
    switch (i % 4) {
      case 0:
        credentials.push(
          `[${name}]`,
          `aws_access_key_id = AKIA${String(i).padStart(16, '0')}`,
          'aws_secret_access_key = secretsecretsecretsecretsecretsecret1234',
          '',
        );
        break;
      case 1:
        config.push(`role_arn = arn:aws:iam::123456789012:role/R${i}`, `source_profile = p${String(i - 1).padStart(5, '0')}`);
        break;
      case 2:
        config.push('sso_session = corp', 'sso_account_id = 123456789012', `sso_role_name = Role${i}`);
        break;
      default:
        config.push(`credential_process = /usr/local/bin/helper --id ${i}`);
    }
    config.push('');
  }
  return { config: config.join('\n'), credentials: credentials.join('\n') };
}

const files = generate(count);
const home = tempHome({ '.aws/config': files.config, '.aws/credentials': files.credentials });
const env = cleanEnv(home);
const [cmd, ...pre] = awsctlCommand;

function timeOnce(argv: string[], check?: (stdout: string) => void): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0]!, argv.slice(1), { env, cwd: home, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.error?.message ?? result.stderr}`);
  check?.(result.stdout);
  return ms;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const subjects: Array<{ label: string; argv: string[]; check?: (stdout: string) => void }> = [
  { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { label: 'awsctl profiles', argv: [cmd!, ...pre, 'profiles'], check: (out) => assertLines(out, count + 1) },
  { label: 'awsctl profiles --json', argv: [cmd!, ...pre, 'profiles', '--json'], check: (out) => assertCount(JSON.parse(out).length) },
  { label: 'awsctl configure list-profiles', argv: [cmd!, ...pre, 'configure', 'list-profiles'], check: (out) => assertLines(out, count) },
];

function assertLines(out: string, expected: number): void {
  const lines = out.trimEnd().split('\n').length;
  if (lines !== expected) throw new Error(`expected ${expected} lines, got ${lines}`);
}
function assertCount(n: number): void {
  if (n !== count) throw new Error(`expected ${count} profiles, got ${n}`);
}

const times = new Map<string, number[]>(subjects.map((s) => [s.label, []]));
for (const s of subjects) timeOnce(s.argv, s.check); // warm-up (compile cache, page cache)
for (let r = 0; r < runs; r++) {
  // Interleaved, so a noisy moment on a shared machine hits every subject alike.
  for (const s of subjects) times.get(s.label)!.push(timeOnce(s.argv));
}
const floor = median(times.get('node -e 0')!);
console.log(
  `profiles bench: ${count} profiles (config ${(files.config.length / 1e6).toFixed(1)} MB, credentials ${(files.credentials.length / 1e6).toFixed(1)} MB), median of ${runs} runs`,
);
for (const s of subjects) {
  const m = median(times.get(s.label)!);
  console.log(`  ${s.label.padEnd(32)} ${m.toFixed(0).padStart(6)} ms   ${(m / floor).toFixed(2)}x node -e 0`);
}
