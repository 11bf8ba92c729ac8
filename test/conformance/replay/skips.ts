// The only skips README §16 allows for the end-to-end suites, each decided by probing what
// this machine and this build can do rather than by a fixed list.
import { spawnSync } from 'node:child_process';
import { defaultEndpoint } from '../../../src/plan/aws-endpoints.ts';

let shellTools: string | undefined | null = null;

/** credential_process cases run `echo … | base64 --decode` through sh: undefined when possible, else why not. */
export function shellToolsMissing(): string | undefined {
  if (shellTools !== null) return shellTools;
  if (process.platform === 'win32') shellTools = 'credential_process cases run POSIX sh commands (skipped on Windows, as in Rust)';
  else {
    const probe = spawnSync('sh', ['-c', 'echo aGk= | base64 --decode'], { encoding: 'utf8' });
    shellTools = probe.status === 0 && probe.stdout === 'hi' ? undefined : 'sh with base64 --decode is not available here';
  }
  return shellTools;
}

/** FIPS + dual-stack cases need the endpoint resolver to build the sts-fips.<region>.api.aws form. */
export function fipsDualStackUnsupported(): string | undefined {
  const url = defaultEndpoint('sts', 'us-east-1', { fips: true, dualStack: true });
  return url === 'https://sts-fips.us-east-1.api.aws' ? undefined : `the endpoint resolver gives ${url} for FIPS + dual-stack`;
}

// Deliberate difference: awsctl splits credential_process like the AWS CLI (botocore's
// compat_shell_split) and runs it without a shell, as the issue asks ("quotes, no shell");
// smithy-rs runs `sh -c`. These two cases pipe `echo … | base64 --decode`, which only a shell
// can run. Their meanings (account id from the helper, and the profile's aws_account_id as the
// fallback) are covered by test/credential-process/ table cases.
const SHELL_PIPELINE_CASES = new Set(['credential_process', 'credential_process_account_id_fallback']);
const NO_SHELL_DECISION = 'needs a shell pipeline; awsctl runs credential_process without a shell, as the AWS CLI does (deliberate, see skips.ts)';

/** Why a case of the Rust or Kotlin e2e suites is skipped, or undefined when it runs. */
export function skipReason(caseName: string): string | undefined {
  if (caseName === 'prefer_system_properties') return 'JVM system properties only (README §7, §16)';
  if (SHELL_PIPELINE_CASES.has(caseName)) return NO_SHELL_DECISION;
  if (caseName.startsWith('credential_process')) return shellToolsMissing();
  if (caseName.startsWith('e2e_fips_and_dual_stack')) return fipsDualStackUnsupported();
  return undefined;
}
