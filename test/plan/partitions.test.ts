import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generatePartitionsData, DATA_FILE, repoRoot } from '../../scripts/gen-partitions.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidRegion, partitionOf, partitionIds } from '../../src/plan/partitions.ts';
import { PARTITIONS } from '../../src/plan/partitions-data.ts';
import { findBotocore, runPython } from '../helpers/botocore.ts';

test("the checked-in partition table is exactly what the SDK's partition data generates", async () => {
  assert.equal(readFileSync(join(repoRoot, DATA_FILE), 'utf8'), await generatePartitionsData(), 'run node scripts/gen-partitions.ts');
});

test("every partition of botocore's partitions.json is there with the same suffixes and regions", (t) => {
  const botocore = findBotocore('1.31');
  if (typeof botocore === 'string') return t.skip(botocore);
  const script = [
    'import json, os, botocore',
    "print(json.dumps(json.load(open(os.path.join(os.path.dirname(botocore.__file__), 'data', 'partitions.json')))))",
  ].join('\n');
  const data = runPython<{
    partitions: {
      id: string;
      outputs: { dnsSuffix: string; dualStackDnsSuffix: string; implicitGlobalRegion: string };
      regionRegex: string;
      regions: Record<string, unknown>;
    }[];
  }>(botocore, script, null);
  for (const theirs of data.partitions) {
    const ours = PARTITIONS.find((p) => p.id === theirs.id);
    assert.ok(ours, `partition ${theirs.id} (botocore ${botocore.version}) is missing`);
    assert.equal(ours.dnsSuffix, theirs.outputs.dnsSuffix, theirs.id);
    assert.equal(ours.dualStackDnsSuffix, theirs.outputs.dualStackDnsSuffix, theirs.id);
    assert.equal(ours.regionRegex, theirs.regionRegex, theirs.id);
    for (const region of Object.keys(theirs.regions)) assert.equal(partitionOf(region).id, theirs.id, region);
  }
});

test('partitionOf: named regions, regions matched by pattern, unknown names fall back to aws', () => {
  const cases: [string, string, string][] = [
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['eu-west-9', 'aws', 'amazonaws.com'],
    ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ['us-iso-east-1', 'aws-iso', 'c2s.ic.gov'],
    ['us-isob-east-1', 'aws-iso-b', 'sc2s.sgov.gov'],
    ['eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'],
    ['us-isof-south-1', 'aws-iso-f', 'csp.hci.ic.gov'],
    ['eusc-de-east-1', 'aws-eusc', 'amazonaws.eu'],
    ['eusc-de-west-7', 'aws-eusc', 'amazonaws.eu'],
    ['local', 'aws', 'amazonaws.com'],
  ];
  for (const [region, id, suffix] of cases) {
    assert.deepEqual([partitionOf(region).id, partitionOf(region).dnsSuffix], [id, suffix], region);
  }
  assert.ok(partitionIds().includes('aws-eusc'));
});

test("isValidRegion agrees with botocore's validate_region_name on 3,000 strings", (t) => {
  const botocore = findBotocore('1.29');
  if (typeof botocore === 'string') return t.skip(botocore);
  const samples = fc.sample(
    fc.oneof(
      fc.array(fc.constantFrom('a', 'Z', '0', '9', '-', '.', '/', '?', ' ', '_', 'é', '\n'), { minLength: 1, maxLength: 70 }).map((a) => a.join('')),
      fc.constantFrom('us-east-1', 'attacker.example/x?', 'attacker.example/', '-us', 'us-', '123', 'a'.repeat(63), 'a'.repeat(64), 'eusc-de-east-1'),
    ),
    { numRuns: 3000 },
  );
  const script = [
    'import json, sys',
    'from botocore.utils import validate_region_name',
    'from botocore.exceptions import InvalidRegionError',
    'out = []',
    'for region in json.load(sys.stdin):',
    '    try:',
    '        validate_region_name(region); out.append(True)',
    '    except InvalidRegionError:',
    '        out.append(False)',
    'print(json.dumps(out))',
  ].join('\n');
  const expected = runPython<boolean[]>(botocore, script, samples);
  // Python's $ also matches before a final newline, so botocore accepts "us-east-1\n"; awsctl trims
  // values before this check and refuses a newline anywhere, so those strings are left out.
  for (const [i, region] of samples.entries()) if (!region.endsWith('\n')) assert.equal(isValidRegion(region), expected[i], JSON.stringify(region));
});
