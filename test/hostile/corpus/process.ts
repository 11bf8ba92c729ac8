// credential_process helpers that misbehave, command lines that cannot run, and the recursion
// guard. Helpers are tiny Node scripts in HOME, run without a shell.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsctlCommand } from '../../helpers/cli.ts';
import type { Rig } from '../rig.ts';
import type { HostileCase } from './types.ts';

const NODE = process.execPath;
const PROC = (profile: string) => new RegExp(`credential_process for profile ${profile} failed: `);

/** A profile `p` whose credential_process runs `node <home>/helper.mjs`. */
function helperCase(source: string): (r: Rig) => Record<string, string> {
  return (r) => ({ 'helper.mjs': source, '.aws/config': `[profile p]\ncredential_process = "${NODE}" "${join(r.home, 'helper.mjs')}"\n` });
}

const json = (o: unknown) => `process.stdout.write(${JSON.stringify(JSON.stringify(o))})`;

export const processCases: HostileCase[] = [
  {
    name: 'helper prints invalid JSON',
    args: ['process', '--profile', 'p'],
    files: helperCase('process.stdout.write("{Version:1}")'),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}its output is not valid JSON`),
  },
  {
    name: 'helper prints nothing',
    args: ['process', '--profile', 'p'],
    files: helperCase(''),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}it printed nothing`),
  },
  {
    name: 'helper prints a JSON array',
    args: ['env', '--profile', 'p'],
    files: helperCase('process.stdout.write("[1,2]")'),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}.*not a JSON object`),
  },
  {
    name: 'helper prints Version 2',
    args: ['process', '--profile', 'p'],
    files: helperCase(json({ Version: 2, AccessKeyId: 'AKIAV2', SecretAccessKey: 'v2-secret' })),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}.*Version 2`),
  },
  {
    name: 'helper output without SecretAccessKey',
    args: ['process', '--profile', 'p'],
    files: helperCase(json({ Version: 1, AccessKeyId: 'AKIANOSECRET' })),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}its output has no SecretAccessKey`),
  },
  {
    name: 'helper Expiration not RFC 3339',
    args: ['process', '--profile', 'p'],
    files: helperCase(json({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration: 'next tuesday' })),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}.*Expiration "next tuesday" is not an RFC 3339`),
  },
  {
    name: 'helper Expiration with an impossible date',
    args: ['process', '--profile', 'p'],
    files: helperCase(json({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration: '2030-02-30T00:00:00Z' })),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}.*not a valid date`),
  },
  {
    name: 'helper exits 3 with a message on stderr',
    args: ['env', '--profile', 'p'],
    files: helperCase('process.stderr.write("token expired, run sso login\\n"); process.exit(3)'),
    helperStderrLines: 1,
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}it exited with status 3; its message is above`),
  },
  {
    name: 'helper killed by a signal',
    args: ['process', '--profile', 'p'],
    files: helperCase('process.kill(process.pid, "SIGKILL")'),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}it was stopped by SIGKILL`),
  },
  {
    name: 'helper hangs past AWSCTL_CREDENTIAL_PROCESS_TIMEOUT=1',
    args: ['process', '--profile', 'p'],
    files: helperCase('setInterval(() => {}, 1000)'),
    env: () => ({ AWSCTL_CREDENTIAL_PROCESS_TIMEOUT: '1' }),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}it did not finish within 1 second`),
  },
  {
    name: 'AWSCTL_CREDENTIAL_PROCESS_TIMEOUT that is not a number',
    args: ['process', '--profile', 'p'],
    files: helperCase(json({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S' })),
    env: () => ({ AWSCTL_CREDENTIAL_PROCESS_TIMEOUT: 'soon' }),
    exit: 1,
    stderr: /AWSCTL_CREDENTIAL_PROCESS_TIMEOUT.*"soon" is not a positive number/,
  },
  {
    name: 'helper writes 10 MB to stdout',
    args: ['process', '--profile', 'p'],
    files: helperCase(
      'const chunk = "x".repeat(1 << 20); let n = 0; const w = () => { while (n < 10) { n++; if (!process.stdout.write(chunk)) return process.stdout.once("drain", w); } }; w();',
    ),
    exit: 1,
    stderr: new RegExp(`${PROC('p').source}the process wrote more than \\d+ bytes to stdout`),
  },
  {
    name: 'unterminated quote in the command line',
    args: ['process', '--profile', 'q'],
    files: { '.aws/config': '[profile q]\ncredential_process = "/usr/bin/helper --arg\n' },
    exit: 1,
    stderr: new RegExp(`${PROC('q').source}.*(quot|closing)`, 'i'),
  },
  {
    name: 'Windows-style path on Linux',
    args: ['process', '--profile', 'w'],
    files: { '.aws/config': '[profile w]\ncredential_process = "C:\\Program Files\\x.exe" --profile w\n' },
    exit: 1,
    stderr: /credential_process for profile w failed: could not start "C:\\\\Program Files\\\\x\.exe": no such program was found/,
  },
  {
    name: 'helper that is not executable',
    args: ['process', '--profile', 'x'],
    files: (r) => ({ 'not-exec.sh': '#!/bin/sh\necho {}\n', '.aws/config': `[profile x]\ncredential_process = ${join(r.home, 'not-exec.sh')}\n` }),
    exit: 1,
    stderr: /credential_process for profile x failed: could not start .*(not executable|permission)/,
  },
  {
    name: 'recursion guard: credential_process = awsctl process --profile self via PATH',
    args: ['process', '--profile', 'self'],
    files: { '.aws/config': '[profile self]\ncredential_process = awsctl process --profile self\n' },
    setup: (r) => {
      const bin = join(r.home, 'bin');
      mkdirSync(bin, { recursive: true });
      const shim = join(bin, 'awsctl');
      writeFileSync(shim, `#!/bin/sh\nexec ${awsctlCommand.map((w) => `'${w}'`).join(' ')} "$@"\n`);
      chmodSync(shim, 0o755);
    },
    env: (r) => ({ PATH: `${join(r.home, 'bin')}:${process.env.PATH}` }),
    // Exactly one line: the inner awsctl names the loop; the outer one adds nothing (issue 15).
    exit: 1,
    stderr: /^awsctl: cannot get credentials for profile self: its credential_process leads back to awsctl for the same profile \(self → self\)/,
  },
  {
    name: 'recursion through two profiles (a -> b -> a)',
    args: ['process', '--profile', 'a'],
    files: { '.aws/config': '[profile a]\ncredential_process = awsctl process --profile b\n[profile b]\ncredential_process = awsctl process --profile a\n' },
    setup: (r) => {
      const bin = join(r.home, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'awsctl'), `#!/bin/sh\nexec ${awsctlCommand.map((w) => `'${w}'`).join(' ')} "$@"\n`);
      chmodSync(join(bin, 'awsctl'), 0o755);
    },
    env: (r) => ({ PATH: `${join(r.home, 'bin')}:${process.env.PATH}` }),
    // The innermost awsctl names the loop in one line; the awsctl processes around it add none.
    exit: 1,
    stderr: /^awsctl: cannot get credentials for profile a: its credential_process leads back to awsctl for the same profile \(a → b → a\)/,
  },
];
