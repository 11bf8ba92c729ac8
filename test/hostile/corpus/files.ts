// Malformed, unreadable and odd profile files. Each must become one line naming the file and
// saying what is wrong with it, or (a missing file) an empty, successful result.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRoot, openHomeToNobody } from '../rig.ts';
import { BASE_KEY, BASE_PROFILE } from '../../helpers/fixtures.ts';
import { missing } from '../../helpers/tools.ts';
import type { HostileCase } from './types.ts';

/** Deterministic "random" bytes (a tiny LCG), so a failure can be replayed. */
function garbage(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

const CONFIG = /cannot read AWS config file: \S*\.aws\/config: /;
const CREDS = /cannot read AWS credentials file: \S*\.aws\/credentials: /;

export const fileCases: HostileCase[] = [
  { name: 'config is binary garbage', args: ['env'], files: { '.aws/config': garbage(4096, 7) }, exit: 1, stderr: new RegExp(`${CONFIG.source}.*(NUL|UTF-8)`) },
  {
    name: 'config has a NUL byte inside a value',
    args: ['env', '--profile', 'base'],
    files: { '.aws/config': BASE_PROFILE.replace('eu-west-1', 'eu-\0west-1') },
    exit: 1,
    stderr: new RegExp(`${CONFIG.source}it contains NUL bytes`),
  },
  {
    name: 'config is invalid UTF-8',
    args: ['env', '--profile', 'base'],
    files: { '.aws/config': Buffer.concat([Buffer.from(BASE_PROFILE), Buffer.from([0x23, 0xff, 0xfe, 0xc3, 0x28, 0x0a])]) },
    exit: 1,
    stderr: new RegExp(`${CONFIG.source}it is not valid UTF-8`),
  },
  {
    name: 'credentials file is invalid UTF-8',
    args: ['process', '--profile', 'c'],
    files: { '.aws/credentials': Buffer.from([0x5b, 0x63, 0x5d, 0x0a, 0x61, 0x3d, 0xc0, 0xaf, 0x0a]) },
    exit: 1,
    stderr: new RegExp(`${CREDS.source}it is not valid UTF-8`),
  },
  {
    name: 'unterminated section header',
    args: ['env', '--profile', 'dev'],
    files: { '.aws/config': `${BASE_PROFILE}[profile dev\nregion = eu-west-2\n` },
    exit: 1,
    stderr: /\.aws\/config:\d+: .*(header|section|\])/i,
  },
  {
    name: 'property before any section',
    args: ['env', '--profile', 'base'],
    files: { '.aws/config': `region = us-east-1\n${BASE_PROFILE}` },
    exit: 1,
    stderr: /\.aws\/config:1: .*(section|before)/i,
  },
  {
    name: 'continuation line right after a header',
    args: ['env', '--profile', 'base'],
    files: { '.aws/config': `[profile base]\n  continued = yes\naws_access_key_id = A\n` },
    exit: 1,
    stderr: /\.aws\/config:2: .*continu/i,
  },
  {
    name: 'config of 50 MB',
    args: ['env', '--profile', 'base'],
    setup: (r) => {
      const path = join(r.home, '.aws', 'config');
      writeFileSync(path, BASE_PROFILE);
      truncateSync(path, 50 * 1024 * 1024);
    },
    exit: 1,
    stderr: new RegExp(`${CONFIG.source}it is 50 MB, larger than`),
  },
  {
    name: 'config is a directory',
    args: ['env'],
    setup: (r) => mkdirSync(join(r.home, '.aws', 'config')),
    exit: 1,
    stderr: new RegExp(`${CONFIG.source}it is a directory`),
  },
  {
    name: 'credentials file is a directory',
    args: ['env', '--profile', 'base'],
    files: { '.aws/config': BASE_PROFILE },
    setup: (r) => mkdirSync(join(r.home, '.aws', 'credentials')),
    exit: 1,
    stderr: new RegExp(`${CREDS.source}it is a directory`),
  },
  {
    name: 'config with mode 000 (run as uid 65534 when root)',
    args: ['env', '--profile', 'base'],
    files: { '.aws/config': BASE_PROFILE },
    setup: (r) => {
      chmodSync(join(r.home, '.aws', 'config'), 0o000);
      if (isRoot()) openHomeToNobody(r.home);
    },
    asNobody: isRoot(),
    skip: () =>
      isRoot() && !hasSetpriv() ? missing('running as root without setpriv (apt-get install util-linux): root reads a mode-000 file anyway') : undefined,
    exit: 1,
    stderr: new RegExp(`${CONFIG.source}permission denied — check the owner and mode`),
  },
  {
    name: 'config is a symlink loop',
    args: ['env'],
    setup: (r) => {
      symlinkSync(join(r.home, '.aws', 'config2'), join(r.home, '.aws', 'config'));
      symlinkSync(join(r.home, '.aws', 'config'), join(r.home, '.aws', 'config2'));
    },
    exit: 1,
    stderr: new RegExp(`${CONFIG.source}too many symbolic links`),
  },
  {
    name: 'no files at all: profiles lists nothing, successfully',
    args: ['configure', 'list-profiles'],
    env: (r) => ({ AWS_CONFIG_FILE: join(r.home, 'nowhere', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(r.home, 'nowhere', 'credentials') }),
    exit: 0,
    stderr: /^$/,
    stderrLines: 0,
    stdout: /^$/,
  },
  {
    name: 'AWS_CONFIG_FILE below a regular file counts as missing',
    args: ['process', '--profile', 'base'],
    files: { '.aws/credentials': BASE_PROFILE.replace('[profile base]', '[base]') },
    env: (r) => ({ AWS_CONFIG_FILE: join(r.home, '.aws', 'credentials', 'config') }),
    exit: 0,
    stderr: /^$/,
    stderrLines: 0,
    stdout: new RegExp(`"AccessKeyId":"${BASE_KEY.id}"`),
  },
  {
    name: 'credentials is a dangling link into a folder that does not exist (configure set)',
    args: ['configure', 'set', 'aws_access_key_id', 'AKIAI44QH8DHBEXAMPLE', '--profile', 'base'],
    setup: (r) => symlinkSync(join(r.home, 'dotfiles', 'gone', 'credentials'), join(r.home, '.aws', 'credentials')),
    exit: 1,
    stderr: /cannot write \S*\.aws\/credentials \(link to \S+\/dotfiles\/gone\/credentials\): the folder the link points into, \S+, does not exist/,
    check: (r) => assert.equal(existsSync(join(r.home, 'dotfiles')), false, 'no folder made at the link target'),
  },
];

function hasSetpriv(): boolean {
  return ['/usr/bin/setpriv', '/bin/setpriv'].some((path) => existsSync(path));
}
