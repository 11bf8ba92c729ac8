// Bad command lines: usage errors exit 2 with one line; an env format that cannot carry a value
// safely refuses (exit 1) instead of printing something a shell would misread.
import { BASE_PROFILE } from '../../helpers/fixtures.ts';
import type { HostileCase } from './types.ts';

const USAGE = /^awsctl: usage: .* — see 'awsctl --help'$/;
const withUsage = (detail: RegExp) => new RegExp(`^awsctl: usage: .*${detail.source}.* — see 'awsctl --help'$`);

export const usageCases: HostileCase[] = [
  { name: 'unknown command', args: ['frobnicate'], exit: 2, stderr: withUsage(/unknown command/) },
  { name: 'unknown flag', args: ['env', '--frob'], exit: 2, stderr: withUsage(/unknown option '--frob'/) },
  { name: 'unknown global flag before the command', args: ['--nope', 'process'], exit: 2, stderr: withUsage(/unknown option/) },
  { name: 'unknown flag on the fast path (process)', args: ['process', '--verbose'], exit: 2, stderr: withUsage(/unknown option/) },
  { name: 'bad --format', args: ['env', '--format', 'xml'], files: { '.aws/config': BASE_PROFILE }, exit: 2, stderr: /xml/ },
  { name: '--profile without a value', args: ['env', '--profile'], exit: 2, stderr: withUsage(/argument missing/) },
  { name: 'exec without a command', args: ['exec'], exit: 2, stderr: USAGE },
  { name: 'completion for an unknown shell', args: ['completion', 'tcsh'], exit: 2, stderr: /tcsh/ },
  { name: 'whoami with a stray argument', args: ['whoami', 'extra'], exit: 2, stderr: USAGE },
  { name: 'assume without a role', args: ['assume'], exit: 2, stderr: USAGE },
  {
    name: 'env --format cmd with a value cmd cannot quote',
    args: ['env', '--format', 'cmd', '--profile', 'base'],
    files: { '.aws/config': BASE_PROFILE.replace(/aws_secret_access_key = .*/, 'aws_secret_access_key = 50%off!secret') },
    exit: 1,
    stderr: /cannot print AWS_SECRET_ACCESS_KEY in cmd format: the value contains a `%` character/,
  },
  {
    name: 'env --format dotenv with a newline in a region',
    args: ['env', '--format', 'dotenv', '--profile', 'base'],
    files: { '.aws/config': BASE_PROFILE },
    env: () => ({ AWS_REGION: 'eu-west-1\nrm -rf /' }),
    exit: 1,
    stderr: /AWS_REGION/,
  },
];
