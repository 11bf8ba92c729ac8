// Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the selected profile's `region`, then
// (outside this pure function) IMDS placement/region. The IMDS step does I/O, so this returns
// { next: 'imds' } and the executor decides whether to ask.
import type { Env } from '../io/context.ts';
import type { Section } from '../profile/model.ts';
import { PlanError } from './plan-error.ts';
import { isValidRegion } from './region-name.ts';
import { envValue, profileValue } from './settings.ts';

type RegionSource = 'flag' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile';

type RegionResult =
  | { region: string; source: RegionSource }
  /** Nothing configured: the last step of the chain is IMDS (unless disabled), done by the executor. */
  | { region: undefined; next: 'imds' };

interface RegionInput {
  flag?: string | undefined;
  env: Env;
  /** The selected profile's section. */
  profile?: Section | undefined;
}

const SETTING_NAMES: Record<RegionSource, string> = { flag: '--region', AWS_REGION: 'AWS_REGION', AWS_DEFAULT_REGION: 'AWS_DEFAULT_REGION', profile: 'region' };

/** The client region, checked with botocore's rule (a bad value is an error, as InvalidRegionError is). */
export function resolveRegion(input: RegionInput): RegionResult {
  const found = findRegion(input);
  if (found.region !== undefined) assertValidRegion(found.region, SETTING_NAMES[found.source]);
  return found;
}

function findRegion(input: RegionInput): RegionResult {
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

/**
 * botocore's InvalidRegionError: every region (--region, AWS_REGION, the profile's region,
 * sso_region, the instance metadata answer) becomes part of a host name, so a value that is not
 * one DNS label (`attacker.example/x?`) is refused before any URL is built. `setting` names where
 * it was written, for the message. Explicit endpoint_url overrides are not checked here.
 */
export function assertValidRegion(region: string, setting: string): void {
  if (isValidRegion(region)) return;
  throw new PlanError(
    'invalid-region',
    'region',
    `${setting} = ${JSON.stringify(region)} is not a valid region name (the AWS CLI refuses it too: InvalidRegionError)`,
    {
      hint: 'use a region name such as us-east-1: letters, digits and hyphens only',
    },
  );
}
