// A fake STS speaking the query protocol: form body in, XML out. It issues deterministic
// credentials (ASIAFAKE…0001, fake-secret-1, …), remembers every secret it issued or was given,
// and for each signed request records which access key signed it and whether the SigV4 signature
// verifies with that key's secret (re-signed with @smithy/signature-v4), so tests can prove that
// hop 2 was signed with hop 1's credentials.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';

export interface StsCall {
  action: string;
  params: Record<string, string>;
  /** The access key id in the Authorization header; undefined for unsigned calls. */
  signedWith?: string;
  /** true/false when the key's secret is known; undefined when unsigned or the key is unknown. */
  signatureValid?: boolean;
  sessionToken?: string;
}

export interface FakeSts extends FakeServer {
  calls: StsCall[];
  /** Make a key known (e.g. the static base profile's), so its signatures are checked. */
  addKey(accessKeyId: string, secretAccessKey: string, identityArn?: string): void;
  /** When true, a bad signature or unknown key is answered with 403 like real STS. */
  strict: boolean;
  /** Access key ids issued by GetFederationToken (the fake sign-in endpoint treats them as AWS does). */
  federationTokenKeys: Set<string>;
  /** When set, every credential issued lasts this many seconds, whatever DurationSeconds asked (short-lived credentials for refresh tests). */
  lifetimeSeconds: number | undefined;
  /** When true, a call signed with issued credentials past their expiration gets ExpiredToken, as real STS answers. */
  rejectExpired: boolean;
  /** The secret of a key STS accepts, or undefined (the fake IAM checks signatures with it). */
  secretOf(accessKeyId: string): string | undefined;
  /** STS stops accepting the key (it was deleted in IAM). */
  removeKey(accessKeyId: string): void;
}

export interface FakeStsOptions extends ServerOptions {
  now?: () => Date;
  defaultAccount?: string;
}

export function stsErrorXml(code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fake-request-err</RequestId></ErrorResponse>\n`;
}

export function stsError(status: number, code: string, message: string): Reply {
  return { status, headers: { 'content-type': 'text/xml' }, body: stsErrorXml(code, message, status >= 500 ? 'Receiver' : 'Sender') };
}

const xml = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function verifySignature(request: RecordedRequest, secret: string): Promise<boolean> {
  const auth = request.headers.authorization ?? '';
  const match = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(auth);
  const amzDate = request.headers['x-amz-date'];
  if (!match || !amzDate) return false;
  const [, accessKeyId, , region, service, signedHeaderList] = match;
  const headers: Record<string, string> = {};
  for (const name of signedHeaderList!.split(';')) headers[name] = request.headers[name] ?? '';
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: secret, sessionToken: request.headers['x-amz-security-token'] },
    region: region!,
    service: service!,
    sha256: Sha256,
    applyChecksum: signedHeaderList!.split(';').includes('x-amz-content-sha256'),
  });
  const [hostname, port] = (request.headers.host ?? '').split(':');
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: hostname!,
      port: port ? Number(port) : undefined,
      path: request.path,
      query: request.query,
      headers,
      body: request.body,
    },
    { signingDate },
  );
  return signed.headers.authorization === auth;
}

export async function startFakeSts(options: FakeStsOptions = {}): Promise<FakeSts> {
  const now = options.now ?? (() => new Date());
  const account = options.defaultAccount ?? '123456789012';
  const secrets = new Map<string, { secret: string; arn: string; expiresMs?: number }>();
  const calls: StsCall[] = [];
  const federationTokenKeys = new Set<string>();
  let issued = 0;
  let fake: FakeSts;

  function issue(roleArnForCaller: string, requestedSeconds: number) {
    issued++;
    const durationSeconds = fake.lifetimeSeconds ?? requestedSeconds;
    const n = String(issued).padStart(12, '0');
    const credentials = {
      accessKeyId: `ASIAFAKE${n}`,
      secretAccessKey: `fake-secret-${issued}`,
      sessionToken: `fake-session-token-${issued}`,
      expiration: new Date(now().getTime() + durationSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    secrets.set(credentials.accessKeyId, { secret: credentials.secretAccessKey, arn: roleArnForCaller, expiresMs: now().getTime() + durationSeconds * 1000 });
    return credentials;
  }

  function credentialsXml(c: ReturnType<typeof issue>): string {
    return `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey><SessionToken>${c.sessionToken}</SessionToken><Expiration>${c.expiration}</Expiration></Credentials>`;
  }

  function assumed(action: string, params: Record<string, string>): Reply {
    const roleArn = params.RoleArn ?? '';
    const match = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
    if (!match) return stsError(400, 'ValidationError', `Invalid RoleArn ${escapeXml(roleArn)}`);
    const session = params.RoleSessionName || 'session';
    const arn = `arn:aws:sts::${match[1]}:assumed-role/${match[2]}/${session}`;
    const c = issue(arn, Number(params.DurationSeconds ?? 3600));
    const extra =
      action === 'AssumeRoleWithWebIdentity'
        ? '<SubjectFromWebIdentityToken>fake-subject</SubjectFromWebIdentityToken><Provider>fake-provider</Provider><Audience>sts.amazonaws.com</Audience>'
        : '';
    return xml(
      `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${extra}<AssumedRoleUser><AssumedRoleId>AROAFAKE:${escapeXml(session)}</AssumedRoleId><Arn>${escapeXml(arn)}</Arn></AssumedRoleUser>${credentialsXml(c)}<PackedPolicySize>6</PackedPolicySize></${action}Result><ResponseMetadata><RequestId>fake-request-${calls.length}</RequestId></ResponseMetadata></${action}Response>\n`,
    );
  }

  async function handle(request: RecordedRequest): Promise<Reply> {
    if (request.method !== 'POST') return stsError(400, 'InvalidAction', 'STS expects POST');
    const params = Object.fromEntries(new URLSearchParams(request.body));
    const { Action: action = '', Version: version, ...rest } = params;
    const signedWith = /Credential=([^/,\s]+)\//.exec(request.headers.authorization ?? '')?.[1];
    const known = signedWith ? secrets.get(signedWith) : undefined;
    const signatureValid = known ? await verifySignature(request, known.secret) : undefined;
    calls.push({ action, params: rest, signedWith, signatureValid, sessionToken: request.headers['x-amz-security-token'] });
    if (version !== '2011-06-15') return stsError(400, 'InvalidAction', 'unsupported Version');
    if (action !== 'AssumeRoleWithWebIdentity') {
      if (!signedWith) return stsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
      if (fake.strict && !known) return stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
      if (fake.strict && signatureValid === false)
        return stsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
      if (fake.rejectExpired && known?.expiresMs !== undefined && known.expiresMs <= now().getTime())
        return stsError(400, 'ExpiredToken', 'The security token included in the request is expired');
    }
    switch (action) {
      case 'AssumeRole':
      case 'AssumeRoleWithWebIdentity':
        if (action === 'AssumeRoleWithWebIdentity' && !rest.WebIdentityToken) return stsError(400, 'InvalidIdentityToken', 'missing WebIdentityToken');
        return assumed(action, rest);
      case 'GetSessionToken': {
        const c = issue(known?.arn ?? `arn:aws:iam::${account}:user/fake-user`, Number(rest.DurationSeconds ?? 43200));
        return xml(
          `<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetSessionTokenResult>${credentialsXml(c)}</GetSessionTokenResult><ResponseMetadata><RequestId>fake-request-${calls.length}</RequestId></ResponseMetadata></GetSessionTokenResponse>\n`,
        );
      }
      case 'GetFederationToken': {
        // Like STS: only long-term IAM user keys may call it, and the name is 2-32 of [\w+=,.@-].
        if (signedWith?.startsWith('ASIA')) return stsError(403, 'AccessDenied', 'Cannot call GetFederationToken with session credentials');
        const name = rest.Name ?? '';
        if (!/^[\w+=,.@-]{2,32}$/.test(name)) return stsError(400, 'ValidationError', `Invalid Name ${escapeXml(name)}`);
        const seconds = Number(rest.DurationSeconds ?? 43200);
        if (!Number.isInteger(seconds) || seconds < 900 || seconds > 129600) return stsError(400, 'ValidationError', 'DurationSeconds out of range');
        const callerAccount = (known?.arn ?? `arn:aws:iam::${account}:user/fake-user`).split(':')[4] ?? account;
        const arn = `arn:aws:sts::${callerAccount}:federated-user/${name}`;
        const c = issue(arn, seconds);
        federationTokenKeys.add(c.accessKeyId);
        return xml(
          `<GetFederationTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetFederationTokenResult>${credentialsXml(c)}<FederatedUser><Arn>${escapeXml(arn)}</Arn><FederatedUserId>${callerAccount}:${escapeXml(name)}</FederatedUserId></FederatedUser><PackedPolicySize>6</PackedPolicySize></GetFederationTokenResult><ResponseMetadata><RequestId>fake-request-${calls.length}</RequestId></ResponseMetadata></GetFederationTokenResponse>\n`,
        );
      }
      case 'GetCallerIdentity': {
        const arn = known?.arn ?? `arn:aws:iam::${account}:user/fake-user`;
        const callerAccount = arn.split(':')[4] ?? account;
        return xml(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${escapeXml(arn)}</Arn><UserId>AIDAFAKE:${escapeXml(signedWith ?? '')}</UserId><Account>${callerAccount}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake-request-${calls.length}</RequestId></ResponseMetadata></GetCallerIdentityResponse>\n`,
        );
      }
      default:
        return stsError(400, 'InvalidAction', `Could not find operation ${escapeXml(action)}`);
    }
  }

  const server = await startFakeServer(handle, options);
  fake = Object.assign(server, {
    calls,
    strict: false,
    federationTokenKeys,
    lifetimeSeconds: undefined,
    rejectExpired: false,
    addKey(accessKeyId: string, secretAccessKey: string, identityArn = `arn:aws:iam::${account}:user/fake-user`) {
      secrets.set(accessKeyId, { secret: secretAccessKey, arn: identityArn });
    },
    secretOf: (accessKeyId: string) => secrets.get(accessKeyId)?.secret,
    removeKey: (accessKeyId: string) => void secrets.delete(accessKeyId),
  });
  return fake;
}
