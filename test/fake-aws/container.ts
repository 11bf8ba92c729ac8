// A fake ECS / EKS Pod Identity credentials endpoint: any GET path answers the credential JSON,
// after checking the Authorization header when one is expected.
import { json, startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';

export interface FakeContainerOptions extends ServerOptions {
  expectedAuthorization?: string;
  accountId?: string;
  now?: () => Date;
}

export interface FakeContainer extends FakeServer {
  expectedAuthorization: string | undefined;
}

export async function startFakeContainer(options: FakeContainerOptions = {}): Promise<FakeContainer> {
  const now = options.now ?? (() => new Date());
  let served = 0;
  let fake: FakeContainer;
  function handle(request: RecordedRequest): Reply {
    if (request.method !== 'GET') return json(405, { Code: 'InvalidMethod', Message: 'GET only' });
    if (fake.expectedAuthorization !== undefined && request.headers.authorization !== fake.expectedAuthorization) {
      return json(401, { Code: 'AccessDenied', Message: 'Unable to authorize the request' });
    }
    served++;
    return json(200, {
      AccessKeyId: `ASIACONT${String(served).padStart(12, '0')}`,
      SecretAccessKey: `container-secret-${served}`,
      Token: `container-token-${served}`,
      Expiration: new Date(now().getTime() + 3600_000).toISOString(),
      ...(options.accountId ? { AccountId: options.accountId } : {}),
    });
  }
  const server = await startFakeServer(handle, options);
  fake = Object.assign(server, { expectedAuthorization: options.expectedAuthorization });
  return fake;
}
