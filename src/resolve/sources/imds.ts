// EC2 instance metadata (IMDSv2). A machine that is not on EC2 fails fast (1 s, 1 attempt by
// default) with a "not configured" error, so the default chain ends with a clear message.
import type { AwsCredentials } from '../../aws/types.ts';
import { AwsctlError } from '../../errors.ts';
import { envOrProfile } from '../../plan/settings.ts';
import type { ImdsSettings } from '../../plan/types.ts';
import { selectedSection, type RunState } from '../state.ts';

export async function imdsCredentials(state: RunState, imds: ImdsSettings): Promise<AwsCredentials> {
  if (imds.disabled) throw new AwsctlError('instance metadata', 'AWS_EC2_METADATA_DISABLED is true', { notConfigured: true });
  const name = envOrProfile(state.ctx.env, 'AWS_EC2_INSTANCE_PROFILE_NAME', selectedSection(state), 'ec2_instance_profile_name');
  state.ctx.debug(
    `imds: asking ${imds.endpoint} (${imds.endpointSource}), timeout ${imds.timeoutMs} ms, ${imds.attempts} attempt(s)${name ? `, instance profile ${name.value}` : ''}`,
  );
  const { createImdsClient } = await import('../../aws/imds.ts');
  const client = createImdsClient(state.ctx, {
    endpoint: imds.endpoint,
    timeoutMs: imds.timeoutMs,
    attempts: imds.attempts,
    ...(name ? { profileName: name.value } : {}),
  });
  return client.fetchCredentials();
}
