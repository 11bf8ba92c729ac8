// End-to-end rig for login sessions: a fake sign-in service (one region) and a fake STS, a temp
// HOME whose config has a login_session profile, and helpers to write and read its session file.
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeSts, type FakeSts } from '../fake-aws/sts.ts';
import { startFakeSignin, type FakeSignin } from '../fake-aws/signin.ts';
import { repoRoot, runCli, tempHome, writeFiles, type RunResult } from '../helpers/cli.ts';

export const SESSION_ARN = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';

export const LOGIN_CONFIG = `[profile console]
login_session = ${SESSION_ARN}
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Deploy
source_profile = console
`;

export interface LoginRig {
  signin: FakeSignin;
  sts: FakeSts;
  home: string;
  sessionPath: string;
  writeSession(file: Record<string, unknown>): void;
  readSession(): Record<string, unknown> & { accessToken: Record<string, string>; refreshToken: string };
  sessionMode(): number;
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  run(args: string[], env?: Record<string, string | undefined>, timeoutMs?: number): Promise<RunResult>;
  close(): Promise<void>;
}

export function sessionFileName(sessionArn: string): string {
  return `${createHash('sha256').update(sessionArn).digest('hex')}.json`;
}

export async function loginRig(config = LOGIN_CONFIG, region = 'eu-west-1'): Promise<LoginRig> {
  const signin = await startFakeSignin({ region });
  const sts = await startFakeSts();
  const home = tempHome({ '.aws/config': config });
  const sessionPath = join(home, '.aws', 'login', 'cache', sessionFileName(SESSION_ARN));
  const env = (extra: Record<string, string | undefined> = {}) => ({
    AWS_ENDPOINT_URL_SIGNIN: signin.url,
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  });
  return {
    signin,
    sts,
    home,
    sessionPath,
    writeSession: (file) => writeFiles(home, { [join('.aws', 'login', 'cache', sessionFileName(SESSION_ARN))]: JSON.stringify(file, null, 2) }),
    readSession: () => JSON.parse(readFileSync(sessionPath, 'utf8')),
    sessionMode: () => statSync(sessionPath).mode & 0o777,
    env,
    run: (args, extra = {}, timeoutMs) => runCli(args, { home, env: env(extra), ...(timeoutMs ? { timeoutMs } : {}) }),
    close: async () => {
      await Promise.all([signin.close(), sts.close()]);
    },
  };
}

/** An expiresAt `seconds` from now, in the AWS CLI's format. */
export function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A $BROWSER program that logs the URL and approves the sign-in with children/approve.mjs. */
export function browserScript(dir: string): { path: string; log: string } {
  const approve = join(repoRoot, 'test', 'login', 'children', 'approve.mjs');
  const path = join(dir, 'browser.sh');
  const log = join(dir, 'opened.log');
  writeFileSync(path, `#!/bin/sh\necho "$1" >> '${log}'\nexec '${process.execPath}' '${approve}' "$1"\n`);
  chmodSync(path, 0o755);
  return { path, log };
}
