// Shared set-up for executor tests: a temp HOME with profile files, the fake AWS servers on a
// shared clock, and the test Context (test/helpers/context.ts) pointed at them.
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { startFakeAws, type FakeAws } from '../fake-aws/index.ts';
import { tempHome } from '../helpers/cli.ts';
import { BASE_ARN, BASE_KEY } from '../helpers/fixtures.ts';
import { testContext, type TestContext, type TestContextOptions } from '../helpers/context.ts';

export interface Rig {
  aws: FakeAws;
  home: string;
  clock: { now: Date };
  ctx(options?: TestContextOptions): TestContext;
  cacheFiles(): string[];
  readCache(name: string): Record<string, unknown>;
  close(): Promise<void>;
}

export async function rig(config: string, options: { credentials?: string; files?: Record<string, string> } = {}): Promise<Rig> {
  const clock = { now: new Date() };
  const aws = await startFakeAws({ now: () => clock.now });
  aws.sts.addKey(BASE_KEY.id, BASE_KEY.secret, BASE_ARN);
  const home = tempHome({ '.aws/config': config, ...(options.credentials ? { '.aws/credentials': options.credentials } : {}), ...options.files });
  const cacheDir = join(home, '.aws', 'cli', 'cache');
  return {
    aws,
    home,
    clock,
    ctx: (extra = {}) => testContext({ home, clock, ...extra, env: { AWS_ENDPOINT_URL_STS: aws.sts.url, ...extra.env } }),
    cacheFiles: () => {
      try {
        return readdirSync(cacheDir)
          .filter((f) => f.endsWith('.json'))
          .sort();
      } catch {
        return [];
      }
    },
    readCache: (name) => JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as Record<string, unknown>,
    close: () => aws.close(),
  };
}
