// Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the selected profile's `region`, then
// (outside this pure function) IMDS placement/region. The IMDS step does I/O, so this returns
// { next: 'imds' } and the executor decides whether to ask.
import type { Env } from '../io/context.ts';
import type { Section } from '../profile/model.ts';
import { envValue, profileValue } from './settings.ts';

export type RegionSource = 'flag' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile';

export type RegionResult =
  | { region: string; source: RegionSource }
  /** Nothing configured: the last step of the chain is IMDS (unless disabled), done by the executor. */
  | { region: undefined; next: 'imds' };

export interface RegionInput {
  flag?: string | undefined;
  env: Env;
  /** The selected profile's section. */
  profile?: Section | undefined;
}

export function resolveRegion(input: RegionInput): RegionResult {
  const flag = input.flag?.trim();
  if (flag) return { region: flag, source: 'flag' };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = envValue(input.env, name);
    if (value !== undefined) return { region: value, source: name };
  }
  const fromProfile = profileValue(input.profile, 'region');
  if (fromProfile !== undefined) return { region: fromProfile, source: 'profile' };
  return { region: undefined, next: 'imds' };
}
