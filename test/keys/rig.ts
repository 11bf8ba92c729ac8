// A rig for the `keys` tests: fake STS (strict: signatures checked against the keys it knows),
// a temp HOME, and, when wanted, a real Secret Service session the CLI reaches over D-Bus.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws, type FakeAws } from '../fake-aws/index.ts';
import { runCli, tempHome, type RunResult } from '../helpers/cli.ts';
import { startSecretService, type SecretService } from '../helpers/secret-service.ts';

export const KEY = { id: 'AKIASTOREDKEY0000001', secret: 'stored/secret+key0000000000000000000001' };
export const USER_ARN = 'arn:aws:iam::123456789012:user/stored-user';
export const PASSPHRASE = 'correct horse battery staple';

export interface KeysRig {
  aws: FakeAws;
  home: string;
  keyring?: SecretService;
  run(args: string[], options?: { env?: Record<string, string | undefined>; input?: string }): Promise<RunResult>;
  /** Every file under HOME (relative path → bytes), for "the secret is nowhere but the store" checks. */
  filesContaining(text: string): string[];
  close(): Promise<void>;
}

export async function keysRig(files: Record<string, string> = {}, options: { keyring?: boolean } = {}): Promise<KeysRig> {
  const aws = await startFakeAws();
  aws.sts.addKey(KEY.id, KEY.secret, USER_ARN);
  aws.sts.strict = true;
  const keyring = options.keyring ? await startSecretService() : undefined;
  const home = tempHome(files);
  return {
    aws,
    home,
    keyring,
    run: (args, run = {}) =>
      runCli(args, {
        home,
        env: { AWS_ENDPOINT_URL_STS: aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true', ...keyring?.env, ...run.env },
        ...(run.input !== undefined ? { input: run.input } : {}),
        timeoutMs: 60_000,
      }),
    filesContaining: (text) => walk(home).filter((path) => readFileSync(join(home, path)).includes(text)),
    close: async () => {
      await aws.close();
      await keyring?.stop();
    },
  };
}

function walk(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = statSync(join(root, rel));
    if (stat.isDirectory()) out.push(...walk(root, rel));
    else if (stat.isFile()) out.push(rel);
  }
  return out;
}

export const keysInput = `${KEY.id}\n${KEY.secret}\n`;
