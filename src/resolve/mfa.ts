// MFA codes for role hops with mfa_serial: the code given on the command line, else one
// question per device per run on the terminal (never stdout). Without a terminal or under
// --no-input the error names the profile and says to pass --token-code.
import { AwsctlError, ExitCode, isAwsctlError } from '../errors.ts';
import type { RoleHop } from '../plan/types.ts';
import type { RunState } from './state.ts';

/** How errors name the request; default: `profile <hop.profile>` / `assuming <role arn>` (assume's ad-hoc roles and MFA sessions say otherwise). */
export interface MfaSubject {
  what: string;
  needs: string;
}

export async function mfaCodeFor(state: RunState, hop: RoleHop & { mfaSerial: string }, subject?: MfaSubject): Promise<string> {
  const serial = hop.mfaSerial;
  const known = state.mfaCodes.get(serial) ?? state.tokenCode;
  if (known !== undefined) {
    state.mfaCodes.set(serial, known);
    return known;
  }
  const needs = `${subject?.needs ?? `assuming ${hop.roleArn}`} needs an MFA code for ${serial}`;
  const what = subject?.what ?? `profile ${hop.profile}`;
  if (!state.ctx.interactive) {
    throw new AwsctlError(what, `${needs}, and --no-input was given`, { hint: 'pass the code with --token-code <code>', profile: hop.profile });
  }
  state.ctx.debug(`mfa: asking for the code of ${serial} (profile ${hop.profile})`);
  let code: string;
  try {
    code = (await state.ctx.prompt.secret(`MFA code for ${serial}:`)).trim();
  } catch (error) {
    if (isAwsctlError(error) && error.exitCode === ExitCode.cancelled) throw error;
    const why = isAwsctlError(error) ? error.why : error instanceof Error ? error.message : String(error);
    throw new AwsctlError(what, `${needs}, but it could not be asked for: ${why}`, {
      hint: 'run it from a terminal, or pass the code with --token-code <code>',
      profile: hop.profile,
      cause: error,
    });
  }
  if (!/^\d{6}$/.test(code)) {
    throw new AwsctlError(what, `the MFA code for ${serial} must be 6 digits`, { hint: 'enter the current code from your MFA device', profile: hop.profile });
  }
  state.mfaCodes.set(serial, code);
  return code;
}
