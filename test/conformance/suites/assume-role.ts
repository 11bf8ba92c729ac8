// smithy-rs assume-role-tests.json (README §5): profile chains from already-parsed profiles.
// Each case runs twice: resolveProfileChain (the smithy-rs `resolve_chain` equivalent) and
// planCredentials (the full plan, profile named explicitly), both mapped to Rust's Provider[].
// Errors are compared by category (PlanError.code), not by Rust's wording.
import { RS, describeMismatch, jsonEqual, readJson } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';
import { PlanError, isPlanError } from '../../../src/plan/plan-error.ts';
import type { PlanErrorCode } from '../../../src/plan/plan-error.ts';
import { resolveProfileChain } from '../../../src/plan/profile-chain.ts';
import { planDefaultChain } from '../../../src/plan/planner.ts';
import type { BaseSource, ProfileBase, RoleHop } from '../../../src/plan/types.ts';
import { profileSet } from '../../plan/profile-set.ts';

interface Case {
  docs: string;
  input: { profiles: Record<string, Record<string, string>>; selected_profile: string; sso_sessions?: Record<string, Record<string, string>> };
  output: { ProfileChain: unknown[] } | { Error: string };
}

const DATA = `${RS}/aws-config/test-data/assume-role-tests.json`;

/** Rust's message fragments → the category awsctl reports. */
const ERROR_CODES: Array<[string, PlanErrorCode]> = [
  ['must contain `source_profile`', 'role-without-source'],
  ['both source_profile and credential_source', 'both-sources'],
  ['profile missing aws_', 'partial-keys'],
  ['profile `B` did not contain credential information', 'source-profile-without-credentials'],
  ['did not contain credential information', 'no-credentials-in-profile'],
  ['could not find source profile', 'source-profile-not-found'],
  ['No profiles were defined', 'no-profiles'],
  ['infinite loop', 'credential-loop'],
  ['`role_arn` was missing', 'web-identity-without-role'],
  ['must also be set', 'invalid-sso'],
  ['can only be specified in the [sso-session]', 'invalid-sso'],
  ['was not found', 'sso-session-not-found'],
];

function opt<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}

function mapBase(base: ProfileBase | BaseSource): unknown {
  switch (base.kind) {
    case 'static':
    case 'environment':
      return {
        AccessKey: {
          access_key_id: base.keys.accessKeyId,
          secret_access_key: base.keys.secretAccessKey,
          ...opt('session_token', base.keys.sessionToken),
          ...opt('account_id', base.keys.accountId),
        },
      };
    case 'named-source':
    case 'credential-source':
      return { NamedSource: base.source };
    case 'web-identity':
      return { WebIdentityToken: { role_arn: base.roleArn, web_identity_token_file: base.tokenFile, ...opt('role_session_name', base.roleSessionName) } };
    case 'sso':
      return {
        Sso: {
          sso_region: base.ssoRegion,
          sso_start_url: base.startUrl,
          ...opt('sso_session', base.ssoSession),
          ...opt('sso_account_id', base.accountId),
          ...opt('sso_role_name', base.roleName),
        },
      };
    case 'credential-process':
      return { CredentialProcess: { command: base.command, ...opt('account_id', base.accountId) } };
    case 'login-session':
      return { LoginSession: { login_session_arn: base.loginSessionArn } };
    default:
      return { Unexpected: base.kind };
  }
}

function mapChain(base: ProfileBase | BaseSource, hops: RoleHop[]): unknown[] {
  return [
    mapBase(base),
    ...hops.map((hop) => ({ AssumeRole: { role_arn: hop.roleArn, ...opt('external_id', hop.externalId), ...opt('role_session_name', hop.roleSessionName) } })),
  ];
}

function expectedCode(message: string): PlanErrorCode | undefined {
  return ERROR_CODES.find(([fragment]) => message.includes(fragment))?.[1];
}

function check(name: string, expected: Case['output'], run: () => unknown[], tokenOnlySso = false): CaseResult {
  try {
    const actual = run();
    if ('Error' in expected) return { name, status: 'fail', detail: `expected error "${expected.Error}", got ${JSON.stringify(actual)}` };
    if (tokenOnlySso) return { name, status: 'fail', detail: 'planCredentials accepted an SSO profile without account and role' };
    return jsonEqual(expected.ProfileChain, actual)
      ? { name, status: 'pass' }
      : { name, status: 'fail', detail: describeMismatch(expected.ProfileChain, actual) };
  } catch (error) {
    if (!isPlanError(error)) throw error;
    if (tokenOnlySso && error.code === 'sso-token-only') return { name, status: 'pass' };
    const want = 'Error' in expected ? expectedCode(expected.Error) : undefined;
    if (want !== undefined && error.code === want) return { name, status: 'pass' };
    return { name, status: 'fail', detail: `expected ${'Error' in expected ? `error category ${want}` : 'a chain'}, got ${error.code}: ${error.message}` };
  }
}

/** Cases where smithy-rs and botocore (the AWS CLI, which awsctl follows) disagree; test/plan covers botocore's answer. */
const BOTOCORE_DIFFERS: Record<string, string> = {
  'partial credentials error (missing access key)':
    'botocore reads a source profile holding only aws_secret_access_key with its own providers, none of which is claimed without aws_access_key_id: "The source profile must have credentials" (awsctl: source-profile-without-credentials), not a partial-keys error; still an error either way',
};

export const suite: Suite = {
  name: 'assume-role (smithy-rs profile chains)',
  data: DATA,
  async run(root) {
    const cases = readJson<Case[]>(root, DATA);
    const results: CaseResult[] = [];
    for (const c of cases) {
      const botocoreDiffers = BOTOCORE_DIFFERS[c.docs];
      if (botocoreDiffers) {
        results.push(
          { name: `chain: ${c.docs}`, status: 'skip', reason: botocoreDiffers },
          { name: `plan: ${c.docs}`, status: 'skip', reason: botocoreDiffers },
        );
        continue;
      }
      const set = profileSet({ profiles: c.input.profiles, ssoSessions: c.input.sso_sessions ?? {} });
      results.push(
        check(`chain: ${c.docs}`, c.output, () => {
          const chain = resolveProfileChain(set, c.input.selected_profile);
          return mapChain(chain.base, chain.hops);
        }),
      );
      // The full plan: the profile is named (as with AWS_PROFILE), the environment is empty.
      // A profile that is "not configured" shows as a skipped profile step (the chain goes on);
      // a chain whose base is an SSO token-only profile must be refused (no credentials).
      const planName = `plan: ${c.docs}`;
      if (Object.keys(c.input.profiles).length === 0) {
        results.push({
          name: planName,
          status: 'skip',
          reason:
            "a profile named explicitly but absent is profile-not-found in awsctl (AWS CLI behaviour), not Rust's fall-through no-profiles; the chain variant covers no-profiles",
        });
        continue;
      }
      const tokenOnly =
        'ProfileChain' in c.output &&
        JSON.stringify(c.output.ProfileChain).includes('"Sso"') &&
        !JSON.stringify(c.output.ProfileChain).includes('sso_account_id');
      results.push(
        check(
          planName,
          c.output,
          () => {
            // The profile step is second or third (after web identity, botocore's order, unless the profile assumes a role).
            const step = planDefaultChain({ env: { AWS_PROFILE: c.input.selected_profile }, profiles: set }).steps.find((s) => s.step === 'profile');
            if (!step) throw new Error('the plan has no profile step');
            if (step.status === 'broken') throw step.error;
            if (step.status === 'skip') throw new PlanError(step.code ?? 'no-credentials', 'profile', step.reason);
            return mapChain(step.chain.base, step.chain.hops);
          },
          tokenOnly,
        ),
      );
    }
    return results;
  },
};
