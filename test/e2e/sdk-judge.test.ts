// The AWS SDK for JavaScript v3 as the judge of `awsctl process`: a profile whose
// credential_process runs the built awsctl, resolved by the SDK's own fromProcess and fromIni.
// The SDK reads HOME / AWS_CONFIG_FILE and passes its environment to the helper, so the test
// sets them for the duration of the test only and restores them after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fromIni, fromProcess } from '@aws-sdk/credential-providers';
import { awsctlCommand } from '../helpers/cli.ts';
import { e2eRig } from './setup.ts';
import { BASE_KEY, ROLE_PROFILE } from '../helpers/fixtures.ts';
import { withSdkEnv } from '../helpers/sdk-env.ts';

const helper = (profile: string) => `${awsctlCommand.map((w) => `"${w}"`).join(' ')} process --profile ${profile}`;

test('the SDK resolves credential_process = awsctl process (static and assumed-role credentials)', async () => {
  const config = `${ROLE_PROFILE}
[profile app-static]
credential_process = ${helper('base')}

[profile app-role]
credential_process = ${helper('dev')}
`;
  const r = await e2eRig(config);
  try {
    const env = {
      HOME: r.home,
      AWS_CONFIG_FILE: join(r.home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(r.home, '.aws', 'credentials'),
      AWS_ENDPOINT_URL_STS: r.aws.sts.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    await withSdkEnv(env, async () => {
      const staticKeys = await fromProcess({ profile: 'app-static' })();
      assert.equal(staticKeys.accessKeyId, BASE_KEY.id);
      assert.equal(staticKeys.secretAccessKey, BASE_KEY.secret);
      assert.equal(staticKeys.sessionToken, undefined);

      const role = await fromIni({ profile: 'app-role' })();
      assert.match(role.accessKeyId, /^ASIAFAKE/);
      assert.equal(role.sessionToken, 'fake-session-token-1');
      assert.ok(role.expiration instanceof Date && role.expiration.getTime() > Date.now() + 30 * 60_000, 'the SDK read the expiration');
      assert.equal(r.aws.sts.calls.length, 1);
      assert.equal(r.aws.sts.calls[0]?.signedWith, BASE_KEY.id);
    });
  } finally {
    await r.close();
  }
});
