// SigV4 signing through @smithy/signature-v4 (the signer the AWS SDK for JavaScript uses), loaded
// lazily. The signing date comes from the caller (ctx.now()) so tests can pin it.
import type { HttpRequest } from '../io/context.ts';
import type { AwsCredentials } from './types.ts';

interface SigningParams {
  credentials: AwsCredentials;
  region: string;
  service: string;
  signingDate: Date;
}

/** Returns a copy of `request` with host, x-amz-date, x-amz-content-sha256?, x-amz-security-token and authorization set. */
export async function signRequest(request: HttpRequest, params: SigningParams): Promise<HttpRequest> {
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([import('@smithy/signature-v4'), import('@aws-crypto/sha256-js')]);
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers.host = url.host;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: params.credentials.accessKeyId,
      secretAccessKey: params.credentials.secretAccessKey,
      sessionToken: params.credentials.sessionToken,
    },
    region: params.region,
    service: params.service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate: params.signingDate },
  );
  const signedHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) signedHeaders[name.toLowerCase()] = String(value);
  return { ...request, headers: signedHeaders };
}
