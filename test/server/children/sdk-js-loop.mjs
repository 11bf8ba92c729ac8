// A long-running program on the AWS SDK for JavaScript v3, run as the child of
// `awsctl exec --server`: an STS client whose credentials come from the provider named in
// argv[2] (container = fromContainerMetadata, imds = fromInstanceMetadata, chain =
// fromNodeProviderChain) calls AssumeRole (session name "judge"; the STS client in
// node_modules is the SDK's nested one, which has no GetCallerIdentity) every 0.3 s until it has seen argv[3]
// distinct access keys, then prints them as JSON. argv[4] = "fresh": a new provider per call.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { fromContainerMetadata, fromInstanceMetadata, fromNodeProviderChain } from '@aws-sdk/credential-providers';

const [kind, wantText, freshFlag] = process.argv.slice(2);
const want = Number(wantText);
const providers = { container: fromContainerMetadata, imds: fromInstanceMetadata, chain: fromNodeProviderChain };
const makeClient = () => {
  const credentials = providers[kind]();
  const client = new STSClient({ credentials, endpoint: process.env.AWS_ENDPOINT_URL_STS, region: process.env.AWS_REGION ?? 'us-east-1' });
  // The deserialize step sees the request as signed: record the key that really signed it.
  client.middlewareStack.add(
    (next) => async (args) => {
      const signer = /Credential=([^/]+)\//.exec(args.request.headers.authorization ?? '')?.[1];
      if (signer && !seen.includes(signer)) seen.push(signer);
      return next(args);
    },
    { step: 'deserialize', name: 'recordSigner' },
  );
  return { credentials, client };
};
const seen = [];
let { client } = makeClient();
let calls = 0;
const deadline = Date.now() + 90_000;
while (seen.length < want && Date.now() < deadline) {
  if (freshFlag === 'fresh') ({ client } = makeClient());
  await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/Judge', RoleSessionName: 'judge' }));
  calls++;
  await new Promise((resolve) => setTimeout(resolve, 300));
}
console.log(
  JSON.stringify({
    keys: seen,
    calls,
    env: Object.keys(process.env)
      .filter((k) => k.startsWith('AWS_'))
      .sort(),
  }),
);
process.exit(seen.length >= want ? 0 : 3);
