// Shared by the code-cache end-to-end tests: an install without the shipped cache (as if under
// another Node), a HOME with static keys, and a run of the launcher's `process`.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot, tempDir, tempHome } from '../helpers/cli.ts';
import { FAST_PATH_BUNDLE, shippedCacheName, wrapCommonJs } from '../../src/startup/code-cache.ts';

export const SECRET = 'code-cache-secret/abc+xyz';
export const KEY_ID = 'AKIACODECACHE0000001';
const CONFIG = { '.aws/credentials': `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` };
export const skipForBinary = process.env.AWSCTL_BIN ? 'the single binary carries its cache inside (test/ship/binary.test.ts)' : false;

/** bin/ and dist/ copied, without the shipped cache: as if installed under another Node. */
export function installWithoutShippedCache(): string {
  const root = tempDir('awsctl-no-shipped-cache-');
  cpSync(join(repoRoot, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'dist'), join(root, 'dist'), { recursive: true });
  rmSync(join(root, 'dist', shippedCacheName(process.version, process.arch)));
  return root;
}

export interface LauncherRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `awsctl process` through the launcher, under `node` (or another Node, with flags of its own). */
export function awsctl(launcher: string, home: string, env: Record<string, string> = {}, node: { execPath?: string; flags?: string[] } = {}): LauncherRun {
  const r = spawnSync(node.execPath ?? process.execPath, [...(node.flags ?? []), launcher, 'process'], {
    env: cleanEnv(home, { ...env, NO_COLOR: undefined }),
    cwd: home,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A HOME with static keys (0600, so no permission warning muddies stderr). */
export function homeWithKeys(): string {
  const home = tempHome(CONFIG);
  chmodSync(join(home, '.aws', 'credentials'), 0o600);
  return home;
}

export const userCaches = (home: string): string[] => (existsSync(join(home, '.cache', 'awsctl')) ? readdirSync(join(home, '.cache', 'awsctl')).sort() : []);

export const MARK = 'PLANTED-CODE-RAN';

/**
 * A raw V8 code cache for ANOTHER script of exactly the bundle's length (V8 checks only the
 * length), whose answerFromHand prints MARK: what an attacker would plant. Made in a clean
 * `node` (no flags), trained by calling its functions so that they are in the cache compiled.
 */
export function foreignCodeCache(dist: string): Buffer {
  const filename = join(dist, FAST_PATH_BUNDLE);
  const length = readFileSync(filename, 'utf8').length;
  let foreign = `exports.answerFromHand = async function () { process.stdout.write(${JSON.stringify(`${MARK}\n`)}); return true; }; exports.saveTrainedCache = function () {};`;
  foreign += ' '.repeat(length - foreign.length);
  const maker = `
    const vm = require('node:vm');
    const script = new vm.Script(${JSON.stringify(wrapCommonJs(foreign))}, { filename: ${JSON.stringify(filename)} });
    const m = { exports: {} };
    script.runInThisContext()(m.exports, require, m, '', '');
    const write = process.stdout.write; process.stdout.write = () => true;
    m.exports.answerFromHand(); m.exports.saveTrainedCache();
    process.stdout.write = write;
    process.stdout.write(script.createCachedData().toString('base64'));`;
  // On stdin: the script is too long for an argument.
  const r = spawnSync(process.execPath, ['-'], {
    input: maker,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`could not make the foreign cache: ${r.error ?? r.stderr}`);
  return Buffer.from(r.stdout, 'base64');
}
