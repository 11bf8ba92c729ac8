// End-to-end rig: the fake AWS servers, a temp HOME with profile files, and the built CLI run
// against them (bin/awsctl → dist/awsctl.mjs; build first). IMDS is disabled unless a test
// points it at the fake, so no test ever probes 169.254.169.254.
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { startFakeAws, type FakeAws } from '../fake-aws/index.ts';
import { runCli, tempHome, type RunResult } from '../helpers/cli.ts';
import { BASE_ARN, BASE_KEY } from '../helpers/fixtures.ts';

export interface E2eRig {
  aws: FakeAws;
  home: string;
  run(args: string[], env?: Record<string, string | undefined>, timeoutMs?: number): Promise<RunResult>;
  cacheFiles(): string[];
  close(): Promise<void>;
}

export async function e2eRig(config: string, files: Record<string, string> = {}): Promise<E2eRig> {
  const aws = await startFakeAws();
  aws.sts.addKey(BASE_KEY.id, BASE_KEY.secret, BASE_ARN);
  const home = tempHome({ '.aws/config': config, ...files });
  return {
    aws,
    home,
    run: (args, env = {}, timeoutMs) =>
      runCli(args, { home, env: { AWS_ENDPOINT_URL_STS: aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true', ...env }, ...(timeoutMs ? { timeoutMs } : {}) }),
    cacheFiles: () => {
      try {
        return readdirSync(join(home, '.aws', 'cli', 'cache')).filter((f) => f.endsWith('.json'));
      } catch {
        return [];
      }
    },
    close: () => aws.close(),
  };
}

/** Parses `export K='v';` lines (values without embedded quotes). */
export function exportsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z_]+)='([^']*)';$/gm)) out[match[1]!] = match[2]!;
  return out;
}
