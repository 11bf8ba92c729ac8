// CommandInput → ResolveRequest: the flags every credential-using command shares.
import type { CommandInput } from './action.ts';
import type { ResolveRequest } from '../resolve/resolve.ts';

export function requestFrom(input: CommandInput, extra: Partial<ResolveRequest> = {}): ResolveRequest {
  const request: ResolveRequest = { ...extra };
  if (input.global.profile !== undefined) request.profileFlag = input.global.profile;
  if (input.global.region !== undefined) request.regionFlag = input.global.region;
  const tokenCode = input.options.tokenCode;
  if (typeof tokenCode === 'string' && tokenCode.trim() !== '') request.tokenCode = tokenCode.trim();
  if (input.options.longTermKeys === true) request.longTermKeys = true;
  return request;
}
