// Retry settings for awsctl's own AWS calls: retry_mode / AWS_RETRY_MODE (legacy, standard,
// adaptive; default standard as in the AWS CLI v2) and max_attempts / AWS_MAX_ATTEMPTS (total
// attempts including the first; default 3 for standard and adaptive, 5 for legacy as botocore).
import type { Env } from '../io/context.ts';
import type { Section } from '../profile/model.ts';
import { PlanError } from './plan-error.ts';
import { envOrProfile } from './settings.ts';

export type RetryMode = 'legacy' | 'standard' | 'adaptive';

interface RetrySettings {
  mode: RetryMode;
  maxAttempts: number;
  /** Where maxAttempts came from: 'default' or the variable / key name. */
  maxAttemptsSource: string;
  modeSource: string;
}

const DEFAULT_ATTEMPTS: Record<RetryMode, number> = { legacy: 5, standard: 3, adaptive: 3 };

export function resolveRetrySettings(input: { env: Env; profile?: Section | undefined }): RetrySettings {
  const modeSetting = envOrProfile(input.env, 'AWS_RETRY_MODE', input.profile, 'retry_mode');
  let mode: RetryMode = 'standard';
  if (modeSetting) {
    const lower = modeSetting.value.toLowerCase();
    if (lower !== 'legacy' && lower !== 'standard' && lower !== 'adaptive') {
      throw new PlanError('invalid-setting', 'retry settings', `${modeSetting.name} = ${modeSetting.value} is not a retry mode`, {
        hint: 'use standard, adaptive or legacy',
      });
    }
    mode = lower;
  }
  const attemptsSetting = envOrProfile(input.env, 'AWS_MAX_ATTEMPTS', input.profile, 'max_attempts');
  if (!attemptsSetting) {
    return { mode, maxAttempts: DEFAULT_ATTEMPTS[mode], maxAttemptsSource: 'default', modeSource: modeSetting?.name ?? 'default' };
  }
  if (!/^\d+$/.test(attemptsSetting.value) || Number(attemptsSetting.value) < 1) {
    throw new PlanError('invalid-setting', 'retry settings', `${attemptsSetting.name} = ${attemptsSetting.value} is not a whole number of at least 1`, {
      hint: 'use a value such as 3 (1 turns retries off)',
    });
  }
  return { mode, maxAttempts: Number(attemptsSetting.value), maxAttemptsSource: attemptsSetting.name, modeSource: modeSetting?.name ?? 'default' };
}
