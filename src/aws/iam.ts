// IAM over the query protocol (POST Action=…&Version=2010-05-08, XML back), SigV4-signed for
// service "iam". Only what `awsctl keys rotate` needs: CreateAccessKey and DeleteAccessKey for
// the calling user (no UserName: IAM acts on the user whose keys sign the request).
import type { HttpRequest } from '../io/context.ts';
import { AwsServiceError, clip, malformedResponse } from './service-error.ts';
import { withRetries } from './retry.ts';
import { signRequest } from './sigv4.ts';
import { formEncode } from './sts.ts';
import { DEFAULT_SERVICE_TIMEOUT_MS, type AwsCallContext, type SignedTarget } from './types.ts';
import { child, parseXml, text, type XmlNode, type XmlValue } from './xml.ts';

const IAM_API_VERSION = '2010-05-08';

interface NewAccessKey {
  accessKeyId: string;
  /** Secret: never logged. */
  secretAccessKey: string;
  userName?: string;
  createDate?: string;
}

function iamError(operation: string, status: number, root: XmlNode | undefined, rawBody: string): AwsServiceError {
  const envelope = child(root, 'ErrorResponse');
  const error = child(envelope, 'Error');
  const code = text(child(error, 'Code'));
  return new AwsServiceError({
    service: 'iam',
    operation,
    status,
    code: code || `HTTP ${status}`,
    // A 5xx from a proxy may be HTML: only its start, and never on a success path that carries a secret.
    message: clip(text(child(error, 'Message')) ?? (code ? '' : rawBody.slice(0, 200))),
    requestId: text(child(envelope, 'RequestId')),
  });
}

async function callIam(ctx: AwsCallContext, target: SignedTarget, action: string, params: Record<string, string | undefined>): Promise<XmlValue> {
  const body = formEncode({ Action: action, Version: IAM_API_VERSION, ...params });
  const attempt = async () => {
    const unsigned: HttpRequest = {
      method: 'POST',
      url: target.endpoint,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' },
      body,
      timeoutMs: target.timeoutMs ?? DEFAULT_SERVICE_TIMEOUT_MS,
    };
    const request = await signRequest(unsigned, { credentials: target.credentials, region: target.region, service: 'iam', signingDate: ctx.now() });
    const response = await ctx.http.send(request);
    if (response.status >= 300) {
      const root = await parseXml(response.body, 'iam', action).catch(() => undefined);
      throw iamError(action, response.status, root, response.body);
    }
    const root = await parseXml(response.body, 'iam', action);
    const result = child(child(root, `${action}Response`), `${action}Result`);
    if (result === undefined && action !== 'DeleteAccessKey') throw malformedResponse('iam', action, `no <${action}Result> element`);
    return result ?? '';
  };
  return withRetries(ctx, `iam:${action}`, attempt, target.retry, target.quota);
}

/** A new access key for the calling user (IAM allows two per user). */
export async function createAccessKey(ctx: AwsCallContext, target: SignedTarget): Promise<NewAccessKey> {
  const result = await callIam(ctx, target, 'CreateAccessKey', {});
  const key = child(result, 'AccessKey');
  const accessKeyId = text(child(key, 'AccessKeyId'));
  const secretAccessKey = text(child(key, 'SecretAccessKey'));
  if (!accessKeyId || !secretAccessKey) throw malformedResponse('iam', 'CreateAccessKey', 'missing <AccessKeyId> or <SecretAccessKey>');
  return { accessKeyId, secretAccessKey, userName: text(child(key, 'UserName')), createDate: text(child(key, 'CreateDate')) };
}

export async function deleteAccessKey(ctx: AwsCallContext, target: SignedTarget, accessKeyId: string): Promise<void> {
  await callIam(ctx, target, 'DeleteAccessKey', { AccessKeyId: accessKeyId });
}
