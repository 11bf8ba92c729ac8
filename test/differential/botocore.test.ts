// Differential test: awsctl's planner against botocore (the AWS CLI's credential resolver) on
// generated profile/environment combinations (cases.ts). Both sides describe the same thing:
// which source hands out credentials, its key or role, and the role chain on top; or "none", or
// "an error". botocore runs in-process from test/differential/botocore-reference.py, with IMDS
// disabled and nothing networked (its role and SSO credentials are deferred).
// Differences that are deliberate are listed in KNOWN_DIFFERENCES with the reason; there are none
// today. The version followed is botocore 1.43 (pyenv); Debian's 1.29 (CI) gives the same
// answers on these cases, which use no login_session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isPlanError } from '../../src/plan/plan-error.ts';
import { planCredentials } from '../../src/plan/planner.ts';
import type { BaseSource, Plan } from '../../src/plan/types.ts';
import { normalizeText } from '../../src/profile/normalize.ts';
import { findBotocore, runPython } from '../helpers/botocore.ts';
import { generateCases, markerOfProcess, type DiffCase } from './cases.ts';

export type Outcome =
  | { kind: 'none' | 'error' }
  | { kind: 'env' | 'static-credentials' | 'static-config' | 'process'; key: string | undefined }
  | { kind: 'web-identity'; roleArn: string; tokenFile: string }
  | { kind: 'sso'; account: string; role: string }
  | { kind: 'assume-role'; roleArn: string; source: Outcome }
  | { kind: 'container' | 'imds' };

const CASES = Number(process.env.AWSCTL_DIFF_CASES ?? 2500);

function describeBase(base: BaseSource): Outcome {
  switch (base.kind) {
    case 'environment':
      return { kind: 'env', key: base.keys.accessKeyId };
    case 'static':
      return { kind: base.origin?.kind === 'credentials' ? 'static-credentials' : 'static-config', key: base.keys.accessKeyId };
    case 'credential-source':
      return base.source === 'Environment' ? { kind: 'env', key: base.keys.accessKeyId } : { kind: base.source === 'EcsContainer' ? 'container' : 'imds' };
    case 'web-identity':
      return { kind: 'web-identity', roleArn: base.roleArn, tokenFile: base.tokenFile };
    case 'sso':
      return { kind: 'sso', account: base.accountId, role: base.roleName };
    case 'credential-process':
      return { kind: 'process', key: markerOfProcess(base.command) };
    case 'login-session':
      return { kind: 'error' };
    // The generator never writes awsctl_key_store: botocore would run the credential_process.
    case 'stored-keys':
      return { kind: 'error' };
    case 'container':
    case 'imds':
      return { kind: base.kind };
  }
}

export function awsctlOutcome(item: DiffCase): Outcome {
  let plan: Plan;
  try {
    const profiles = normalizeText(item.config, item.credentials, { config: '/h/.aws/config', credentials: '/h/.aws/credentials' });
    const env = { ...item.env, AWS_EC2_METADATA_DISABLED: 'true' };
    plan = planCredentials({ env, profiles, ...(item.flag !== undefined ? { profileName: item.flag, profileFromFlag: true } : {}) });
  } catch (error) {
    if (isPlanError(error) && error.code === 'no-credentials') return { kind: 'none' };
    return { kind: 'error' };
  }
  return plan.hops.reduce<Outcome>((source, hop) => ({ kind: 'assume-role', roleArn: hop.roleArn, source }), describeBase(plan.base));
}

/** Deliberate differences: a predicate on the case and both outcomes, and why. None today. */
const KNOWN_DIFFERENCES: { reason: string; applies: (item: DiffCase, ours: Outcome, theirs: Outcome) => boolean }[] = [];

if (!process.env.AWSCTL_DIFF_NO_TEST)
  test(`awsctl picks the same credentials as botocore on ${CASES} generated cases`, (t) => {
    const botocore = findBotocore('1.29');
    if (typeof botocore === 'string') return t.skip(botocore);
    const cases = generateCases(CASES);
    const script = readFileSync(fileURLToPath(new URL('./botocore-reference.py', import.meta.url)), 'utf8');
    const theirs = runPython<Outcome[]>(botocore, script, cases);
    const differences: string[] = [];
    const counts: Record<string, number> = {};
    cases.forEach((item, i) => {
      const ours = awsctlOutcome(item);
      const reference = theirs[i]!;
      const { error: _ignored, ...comparable } = reference as Outcome & { error?: string };
      counts[reference.kind] = (counts[reference.kind] ?? 0) + 1;
      if (JSON.stringify(ours) === JSON.stringify(comparable)) return;
      if (KNOWN_DIFFERENCES.some((d) => d.applies(item, ours, reference))) return;
      differences.push(`case ${i}: awsctl ${JSON.stringify(ours)} botocore ${botocore.version} ${JSON.stringify(reference)}\n${JSON.stringify(item)}`);
    });
    t.diagnostic(`botocore ${botocore.version} (${botocore.python}); outcomes: ${JSON.stringify(counts)}`);
    assert.equal(differences.length, 0, `${differences.length} differences; first ones:\n${differences.slice(0, 5).join('\n\n')}`);
  });
