// MFA codes for role hops with mfa_serial: the code given on the command line, else one
// question per device per run on the terminal (never stdout). Without a terminal or under
// --no-input the error names the profile and says to pass --token-code.
import { isAwsServiceError } from '../aws/service-error.ts';
import { AwsctlError, ExitCode, isAwsctlError } from '../errors.ts';
import type { RoleHop } from '../plan/types.ts';
import type { RunState } from './state.ts';

/** How errors name the request; default: `profile <hop.profile>` / `assuming <role arn>` (assume's ad-hoc roles and MFA sessions say otherwise). */
export interface MfaSubject {
  what: string;
  needs: string;
}

async function mfaCodeFor(state: RunState, hop: RoleHop & { mfaSerial: string }, subject?: MfaSubject, note?: string): Promise<string> {
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
    // Checked in the prompt: a wrong length is asked again there, never ✔-ed and then refused.
    code = (
      await state.ctx.prompt.secret(`MFA code for ${serial}${note ? ` (${note})` : ''}:`, (value) =>
        MFA_CODE.test(value.trim()) ? true : 'an MFA code is 6 digits',
      )
    ).trim();
  } catch (error) {
    if (isAwsctlError(error) && error.exitCode === ExitCode.cancelled) throw error;
    const why = isAwsctlError(error) ? error.why : error instanceof Error ? error.message : String(error);
    throw new AwsctlError(what, `${needs}, but it could not be asked for: ${why}`, {
      hint: 'run it from a terminal, or pass the code with --token-code <code>',
      profile: hop.profile,
      cause: error,
    });
  }
  if (!MFA_CODE.test(code)) {
    throw new AwsctlError(what, `the MFA code for ${serial} must be 6 digits`, { hint: 'enter the current code from your MFA device', profile: hop.profile });
  }
  state.mfaCodes.set(serial, code);
  (state.mfaAsked ??= new Set()).add(serial);
  return code;
}

const MFA_CODE = /^\d{6}$/;

/** How many codes one run asks for a device when STS refuses them. */
const MFA_ATTEMPTS = 3;

/** STS's answer to a wrong or expired one-time code (the code was not consumed). */
export function isInvalidMfaCode(error: unknown): boolean {
  return isAwsServiceError(error) && error.code === 'AccessDenied' && /MultiFactorAuthentication failed|invalid MFA/i.test(error.message);
}

/**
 * Runs `call` with the device's code; when STS says the typed code was invalid, asks again (up to
 * MFA_ATTEMPTS codes in all). A code from --token-code is not asked again: the error stands.
 */
export async function withMfaCode<T>(
  state: RunState,
  hop: RoleHop & { mfaSerial: string },
  subject: MfaSubject | undefined,
  call: (code: string) => Promise<T>,
): Promise<T> {
  let note: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const code = await mfaCodeFor(state, hop, subject, note);
    try {
      return await call(code);
    } catch (error) {
      const typed = state.mfaAsked?.has(hop.mfaSerial) === true;
      if (!typed || attempt >= MFA_ATTEMPTS || !isInvalidMfaCode(error)) throw error;
      state.mfaCodes.delete(hop.mfaSerial);
      state.mfaAsked?.delete(hop.mfaSerial);
      // Said in the next question, on the terminal where the person is typing.
      note = `AWS refused the last code; ${MFA_ATTEMPTS - attempt} more ${MFA_ATTEMPTS - attempt === 1 ? 'try' : 'tries'}`;
    }
  }
}
