// The variables that point a program at the credential server: what `exec --server` gives its
// child and what `serve` prints (in the `env` formats). Pure. Everything that would outrank the
// server in the SDKs' default chains is cleared: keys in the environment, AWS_PROFILE (the
// SDKs would resolve the profile themselves), web identity variables, the container relative
// URI (it wins over the full URI) and, in IMDS mode, the container variables (they win over
// IMDS) and AWS_EC2_METADATA_DISABLED.
import type { EnvAssignment, EnvAssignments } from '../output/env-values.ts';
import { PROFILE_ENV_NAMES } from '../output/env-values.ts';

interface ServerAddress {
  /** The container endpoint URL (http://127.0.0.1:<port>/credentials). */
  containerUri: string;
  /** The IMDS base URL (http://127.0.0.1:<port>/), when IMDS is served. */
  imdsEndpoint?: string;
}

export type ServerAuthorization = { token: string } | { tokenFile: string };

const OUTRANKING = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  ...PROFILE_ENV_NAMES,
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];
const CONTAINER_TOKEN_NAMES = ['AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];

function regionAssignments(region: string | undefined): EnvAssignment[] {
  return region
    ? [
        { name: 'AWS_REGION', value: region },
        { name: 'AWS_DEFAULT_REGION', value: region },
      ]
    : [];
}

/** Container mode: the full URI and the token (or the token file). */
export function containerVariables(address: ServerAddress, authorization: ServerAuthorization, region: string | undefined): EnvAssignments {
  const tokenVariable: EnvAssignment =
    'token' in authorization
      ? { name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN', value: authorization.token }
      : { name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', value: authorization.tokenFile };
  return {
    set: [{ name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: address.containerUri }, tokenVariable, ...regionAssignments(region)],
    unset: [...OUTRANKING, ...CONTAINER_TOKEN_NAMES.filter((name) => name !== tokenVariable.name)],
  };
}

/** IMDS mode: the metadata endpoint, and nothing that the SDKs would try before it. */
export function imdsVariables(address: Required<ServerAddress>, region: string | undefined): EnvAssignments {
  return {
    set: [{ name: 'AWS_EC2_METADATA_SERVICE_ENDPOINT', value: address.imdsEndpoint }, ...regionAssignments(region)],
    unset: [
      ...OUTRANKING,
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      ...CONTAINER_TOKEN_NAMES,
      'AWS_EC2_METADATA_DISABLED',
      'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
    ],
  };
}
