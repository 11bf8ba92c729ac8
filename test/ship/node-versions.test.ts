// Which Node awsctl runs on (issue 15 item 11): package.json engines is the one range; the
// launcher's first lines refuse any other Node in one line, instead of a stack trace; the oldest
// supported line (20.x, the machine's own Node here) really runs the commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRange, nodeInRange, parseEnginesRange } from '../../src/startup/node-version-guard.ts';
import { repoRoot, tempDir, tempHome, cleanEnv } from '../helpers/cli.ts';
import { bundleBuilt, NO_BUNDLE } from './shells.ts';

const engines = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node as string;
const bounds = parseEnginesRange(engines);
const launcher = join(repoRoot, 'bin', 'awsctl');

test('the engines range: 20.18.1+ on the 20 line, 22.13 and later', () => {
  for (const ok of ['20.18.1', '20.20.2', '22.13.0', '22.20.1', '24.21.0', '26.0.0']) assert.ok(nodeInRange(ok, bounds), ok);
  for (const old of ['18.19.0', '20.18.0', '20.9.0', '21.7.3', '22.12.0', '16.20.2']) assert.ok(!nodeInRange(old, bounds), old);
  assert.equal(describeRange(bounds), '20.18.1 (20.x), or 22.13 or later');
});

/** Runs the launcher under this Node, made to look like `version` (and, when old, without getBuiltinModule). */
function asNode(version: string, args: string[]) {
  const preload = join(tempDir('awsctl-fake-node-'), 'fake.cjs');
  const old = Number(version.split('.')[0]) < 20;
  writeFileSync(
    preload,
    `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: ${JSON.stringify(version)} } });\n${old ? 'delete process.getBuiltinModule;\n' : ''}`,
  );
  const home = tempHome({ '.aws/credentials': '[default]\naws_access_key_id = AKIAOLDNODE000000001\naws_secret_access_key = s\n' });
  return spawnSync(process.execPath, ['-r', preload, launcher, ...args], { env: cleanEnv(home), cwd: home, encoding: 'utf8' });
}

test('an unsupported Node gets one line naming the Node awsctl needs, for every command', { skip: bundleBuilt() ? false : NO_BUNDLE }, () => {
  for (const [version, args] of [
    ['18.19.0', ['whoami']],
    ['18.19.0', ['process']],
    ['22.12.0', ['env']],
    ['16.20.2', ['--version']],
  ] as const) {
    const run = asNode(version, [...args]);
    assert.equal(run.status, 1, `${version} ${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `awsctl: Node.js ${version} is not supported: awsctl needs Node.js 20.18.1 (20.x), or 22.13 or later — install one from https://nodejs.org (or: nvm install 22), or use the single binary (docs/packaging.md), which needs no Node\n`,
    );
  }
  const supported = asNode('22.13.0', ['process']);
  assert.equal(supported.status, 0, supported.stderr);
  assert.equal(JSON.parse(supported.stdout).AccessKeyId, 'AKIAOLDNODE000000001');
});

// The machine's own Node (Debian/NodeSource /usr/bin/node, 20.x here and in CI).
const systemNode = (() => {
  try {
    return execFileSync('/usr/bin/node', ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();

test('the oldest supported line really runs: /usr/bin/node', {
  skip: !bundleBuilt()
    ? NO_BUNDLE
    : systemNode === undefined
      ? 'no /usr/bin/node'
      : !nodeInRange(systemNode, bounds)
        ? `/usr/bin/node is ${systemNode}, outside ${engines}`
        : false,
}, () => {
  const home = tempHome({ '.aws/config': '[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIANODE200000000001\naws_secret_access_key = s\n' });
  const run = spawnSync('/usr/bin/node', [launcher, 'env', '--profile', 'dev', '--format', 'json'], { env: cleanEnv(home), cwd: home, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).AWS_REGION, 'eu-west-1');
  const help = spawnSync('/usr/bin/node', [launcher, 'configure', 'list', '--profile', 'dev'], { env: cleanEnv(home), cwd: home, encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
});
