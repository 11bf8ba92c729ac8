// `awsctl cache clear` through the built CLI: with --profile only that profile's entries; without,
// every credential-shaped entry and awsctl's identity entries, never another tool's files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eRig } from '../e2e/setup.ts';
import { ROLE_PROFILE } from '../helpers/fixtures.ts';

const CONFIG = `${ROLE_PROFILE}
[profile other]
role_arn = arn:aws:iam::999988887777:role/Other
source_profile = base
`;

test("cache clear --profile removes only that profile's entries; cache clear removes every credential entry and keeps foreign files", async () => {
  const r = await e2eRig(CONFIG);
  try {
    for (const args of [
      ['process', '--profile', 'dev'],
      ['process', '--profile', 'other'],
      ['assume', '--profile', 'base', 'Reader'],
    ]) {
      const result = await r.run(args);
      assert.equal(result.code, 0, result.stderr);
    }
    const folder = join(r.home, '.aws', 'cli', 'cache');
    writeFileSync(join(folder, 'foreign.json'), '{"some": "other tool"}');
    writeFileSync(join(folder, 'notes.txt'), 'keep me');
    const before = readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort();
    assert.equal(before.length, 5, before.join(' ')); // dev, other, Reader, identity, foreign

    const explained = JSON.parse((await r.run(['explain', '--profile', 'dev', '--json'])).stdout) as {
      steps: Array<{ hops?: Array<{ cache: { key: string } }> }>;
    };
    const devKey = explained.steps[1]?.hops?.[0]?.cache.key;
    assert.ok(devKey && existsSync(join(folder, `${devKey}.json`)));

    const one = await r.run(['cache', 'clear', '--profile', 'dev']);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stderr, /removed 1 cached credential entry for profile dev/);
    assert.equal(one.stdout, '');
    assert.ok(!existsSync(join(folder, `${devKey}.json`)));
    assert.equal(readdirSync(folder).filter((f) => f.endsWith('.json')).length, 4);

    const all = await r.run(['cache', 'clear']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stderr, /removed 3 cached credential entries from ~\/\.aws\/cli\/cache \(kept 1 other file\)/);
    assert.deepEqual(readdirSync(folder).sort(), ['foreign.json', 'notes.txt']);

    const calls = r.aws.sts.calls.length;
    const again = await r.run(['process', '--profile', 'dev']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(r.aws.sts.calls.length, calls + 1, 'a cleared entry means a new STS call');
  } finally {
    await r.close();
  }
});
