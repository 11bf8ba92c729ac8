// A fake AWS federation endpoint (<sign-in base>/federation), as "Enable custom identity broker
// access to the AWS console" describes it: Action=getSigninToken with a JSON Session of
// sessionId/sessionKey/sessionToken answers {"SigninToken": …}. It records every token request
// (method, where the session was: form body or query) and issues fake-signin-token-N. Like AWS,
// it refuses SessionDuration for GetFederationToken credentials (the fake STS shares those keys)
// and, stricter than AWS, a session sent in the query string: awsctl must never do that.
// Kept apart from the sign-in service's OAuth fake that login sessions need; at merge both can
// answer on one server behind AWS_ENDPOINT_URL_SIGNIN.
import { startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';

export interface SigninTokenCall {
  method: string;
  /** Where Action/Session were found. */
  in: 'body' | 'query';
  contentType?: string;
  session?: { sessionId?: string; sessionKey?: string; sessionToken?: string };
  sessionDuration?: string;
  /** Every form field except Session. */
  fields: Record<string, string>;
}

export interface FakeFederation extends FakeServer {
  calls: SigninTokenCall[];
  /** Access key ids issued by GetFederationToken: SessionDuration with them is an error, as at AWS. */
  federationTokenKeys: Set<string>;
  /** Tokens issued so far. */
  issued: string[];
}

const json = (status: number, body: unknown): Reply => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export interface FakeFederationOptions extends ServerOptions {
  /** Shared with the fake STS, which adds the keys its GetFederationToken issues. */
  federationTokenKeys?: Set<string>;
}

export async function startFakeFederation(options: FakeFederationOptions = {}): Promise<FakeFederation> {
  const calls: SigninTokenCall[] = [];
  const federationTokenKeys = options.federationTokenKeys ?? new Set<string>();
  const issued: string[] = [];

  function handle(request: RecordedRequest): Reply {
    if (request.path !== '/federation') return { status: 404, body: 'not found' };
    const fromBody = request.method === 'POST' ? Object.fromEntries(new URLSearchParams(request.body)) : {};
    const where: 'body' | 'query' = 'Action' in fromBody ? 'body' : 'query';
    const params = where === 'body' ? fromBody : request.query;
    const { Session: sessionText, ...fields } = params;
    let session: SigninTokenCall['session'];
    try {
      session = sessionText === undefined ? undefined : (JSON.parse(sessionText) as SigninTokenCall['session']);
    } catch {
      session = undefined;
    }
    calls.push({ method: request.method, in: where, contentType: request.headers['content-type'], session, sessionDuration: fields.SessionDuration, fields });
    if (fields.Action !== 'getSigninToken') return { status: 400, body: 'unsupported Action' };
    if (where === 'query' && sessionText !== undefined) return { status: 400, body: 'session in the query string' };
    if (!session?.sessionId || !session.sessionKey || !session.sessionToken) return { status: 400, body: 'bad Session' };
    if (fields.SessionDuration !== undefined) {
      const seconds = Number(fields.SessionDuration);
      if (federationTokenKeys.has(session.sessionId)) return { status: 400, body: 'SessionDuration is not allowed for federation tokens' };
      if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200) return { status: 400, body: 'bad SessionDuration' };
    }
    const token = `fake-signin-token-${issued.length + 1}`;
    issued.push(token);
    return json(200, { SigninToken: token });
  }

  const server = await startFakeServer(handle, options);
  return Object.assign(server, { calls, federationTokenKeys, issued });
}
