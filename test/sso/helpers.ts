// Shared pieces of the sso tests (the sso-session config is in test/helpers/fixtures.ts): a $BROWSER script that plays
// the person approving the sign-in (it fetches the URL, and the fake's /authorize redirects to
// our loopback callback), and readers for the cache files.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

export function tokenPath(home: string, sessionOrStartUrl = 'corp'): string {
  return join(home, '.aws', 'sso', 'cache', `${sha1(sessionOrStartUrl)}.json`);
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

export function fileMode(path: string): number {
  return statSync(path).mode & 0o777;
}

export { existsSync };

/** A $BROWSER program: logs the URL it was given, then GETs it following redirects (as a browser would). */
export function browserScript(dir: string, delaySeconds = 0): { path: string; log: string } {
  const path = join(dir, 'fake-browser.sh');
  const log = join(dir, 'opened.log');
  const fetcher = 'fetch(process.argv[1]).then((r) => r.text()).then(() => {}, (e) => { console.error(String(e)); process.exit(1); })';
  writeFileSync(path, `#!/bin/sh\necho "$1" >> '${log}'\n${delaySeconds ? `sleep ${delaySeconds}\n` : ''}exec '${process.execPath}' -e '${fetcher}' "$1"\n`);
  chmodSync(path, 0o755);
  return { path, log };
}
