// A fake IAM speaking the query protocol (form body in, XML out), for `awsctl keys rotate`. It
// shares the fake STS's key registry: a request must be SigV4-signed (service "iam") by a key
// STS accepts, and a key it creates becomes usable (in STS and here) only `usableAfterMs` later,
// as IAM's eventual consistency does. Deleting a key removes it from STS too. `fail` makes an
// operation answer with a given error until cleared (failure injection for each step).
import { startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';
import { verifySignature, type FakeSts } from './sts.ts';

export interface IamCall {
  action: string;
  params: Record<string, string>;
  signedWith?: string;
  signatureValid?: boolean;
  /** The credential scope's service and region, e.g. "iam/us-east-1". */
  scope?: string;
}

export interface FakeIam extends FakeServer {
  calls: IamCall[];
  /** Access key id → IAM user name, for every key that exists in IAM (usable yet or not). */
  keys: Map<string, string>;
  usableAfterMs: number;
  fail: Map<string, Reply>;
  addUserKey(accessKeyId: string, secretAccessKey: string, userName: string): void;
}

export function iamError(status: number, code: string, message: string): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fake-iam-err</RequestId></ErrorResponse>\n`,
  };
}

const xml = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });

export async function startFakeIam(sts: FakeSts, options: ServerOptions & { usableAfterMs?: number } = {}): Promise<FakeIam> {
  const calls: IamCall[] = [];
  const keys = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  let created = 0;
  let fake: FakeIam;

  async function handle(request: RecordedRequest): Promise<Reply> {
    const params = Object.fromEntries(new URLSearchParams(request.body));
    const { Action: action = '', Version: version, ...rest } = params;
    const auth = request.headers.authorization ?? '';
    const signedWith = /Credential=([^/,\s]+)\//.exec(auth)?.[1];
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(auth);
    const secret = signedWith ? sts.secretOf(signedWith) : undefined;
    const signatureValid = secret !== undefined ? await verifySignature(request, secret) : undefined;
    calls.push({ action, params: rest, signedWith, signatureValid, scope: scope ? `${scope[2]}/${scope[1]}` : undefined });
    if (request.method !== 'POST' || version !== '2010-05-08') return iamError(400, 'InvalidAction', 'IAM expects POST with Version=2010-05-08');
    if (!signedWith || secret === undefined || !keys.has(signedWith))
      return iamError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    if (!signatureValid || scope?.[2] !== 'iam')
      return iamError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    const injected = fake.fail.get(action);
    if (injected) return injected;
    const user = keys.get(signedWith)!;
    switch (action) {
      case 'CreateAccessKey': {
        if ([...keys.values()].filter((u) => u === user).length >= 2) return iamError(409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: 2`);
        created++;
        const id = `AKIAFAKEROTATED${String(created).padStart(5, '0')}`;
        const newSecret = `rotated/secret+${String(created).padStart(24, '0')}`;
        keys.set(id, user);
        const usable = () => keys.has(id) && sts.addKey(id, newSecret, `arn:aws:iam::123456789012:user/${user}`);
        if (fake.usableAfterMs <= 0) usable();
        else if (Number.isFinite(fake.usableAfterMs)) {
          const timer = setTimeout(() => (timers.delete(timer), usable()), fake.usableAfterMs);
          timers.add(timer);
        }
        return xml(
          `<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateAccessKeyResult><AccessKey><UserName>${user}</UserName><AccessKeyId>${id}</AccessKeyId><Status>Active</Status><SecretAccessKey>${newSecret}</SecretAccessKey><CreateDate>2026-01-01T00:00:00Z</CreateDate></AccessKey></CreateAccessKeyResult><ResponseMetadata><RequestId>fake-iam-${calls.length}</RequestId></ResponseMetadata></CreateAccessKeyResponse>\n`,
        );
      }
      case 'DeleteAccessKey': {
        const id = rest.AccessKeyId ?? '';
        if (keys.get(id) !== user) return iamError(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
        keys.delete(id);
        sts.removeKey(id);
        return xml(
          `<DeleteAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>fake-iam-${calls.length}</RequestId></ResponseMetadata></DeleteAccessKeyResponse>\n`,
        );
      }
      default:
        return iamError(400, 'InvalidAction', `Could not find operation ${action}`);
    }
  }

  const server = await startFakeServer(handle, options);
  const closeServer = server.close.bind(server);
  fake = Object.assign(server, {
    calls,
    keys,
    usableAfterMs: options.usableAfterMs ?? 0,
    fail: new Map<string, Reply>(),
    addUserKey(accessKeyId: string, secretAccessKey: string, userName: string) {
      keys.set(accessKeyId, userName);
      sts.addKey(accessKeyId, secretAccessKey, `arn:aws:iam::123456789012:user/${userName}`);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await closeServer();
    },
  });
  return fake;
}
