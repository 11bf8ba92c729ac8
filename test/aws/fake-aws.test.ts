import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeAws } from '../fake-aws/index.ts';
import { getCallerIdentity } from '../../src/aws/sts.ts';
import { createToken, DEVICE_CODE_GRANT, registerClient, startDeviceAuthorization } from '../../src/aws/sso-oidc.ts';
import { getRoleCredentials } from '../../src/aws/sso-portal.ts';
import { fetchContainerCredentials } from '../../src/aws/container.ts';
import { createImdsClient } from '../../src/aws/imds.ts';
import type { FileSystem } from '../../src/io/context.ts';
import { realHttp, clientContext } from './helpers.ts';

describe('startFakeAws', () => {
  it('starts every fake, points the env at them, shares SSO tokens, and closes them all', async () => {
    const aws = await startFakeAws({ imds: { extended: true } });
    const http = realHttp();
    try {
      const ctx = clientContext(http);
      assert.equal(aws.env.AWS_ENDPOINT_URL_STS, aws.sts.url);
      aws.sts.addKey('AKIASTATIC', 'static-secret');
      await getCallerIdentity(ctx, {
        endpoint: aws.env.AWS_ENDPOINT_URL_STS!,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIASTATIC', secretAccessKey: 'static-secret' },
      });
      assert.equal(aws.sts.calls.at(-1)?.signatureValid, true);

      const oidc = { endpoint: aws.env.AWS_ENDPOINT_URL_SSO_OIDC! };
      const client = await registerClient(ctx, oidc, { clientName: 'awsctl' });
      const device = await startDeviceAuthorization(ctx, oidc, { clientId: client.clientId, clientSecret: client.clientSecret, startUrl: 'https://x/start' });
      const token = await createToken(ctx, oidc, {
        grantType: DEVICE_CODE_GRANT,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        deviceCode: device.deviceCode,
      });
      const creds = await getRoleCredentials(
        ctx,
        { endpoint: aws.env.AWS_ENDPOINT_URL_SSO! },
        { accessToken: token.accessToken, roleName: 'ReadOnly', accountId: '111111111111' },
      );
      assert.match(creds.accessKeyId, /^ASIAPORT/);

      const fs = { readFile: () => undefined } as unknown as FileSystem;
      const container = await fetchContainerCredentials(
        { ...ctx, fs },
        { uri: aws.env.AWS_CONTAINER_CREDENTIALS_FULL_URI!, authToken: aws.env.AWS_CONTAINER_AUTHORIZATION_TOKEN },
      );
      assert.match(container.accessKeyId, /^ASIACONT/);
      const imds = await createImdsClient(ctx, { endpoint: aws.env.AWS_EC2_METADATA_SERVICE_ENDPOINT! }).fetchCredentials();
      assert.equal(imds.accountId, '123456789012');
    } finally {
      await http.close();
      await aws.close();
    }
    const after = await fetch(aws.sts.url).then(
      () => 'open',
      () => 'closed',
    );
    assert.equal(after, 'closed');
  });
});
