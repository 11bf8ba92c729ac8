// What the child's environment gets in each mode: the server's variables set, everything that
// would outrank the server in the SDKs' chains cleared. Pure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAssignments } from '../../src/output/child-env.ts';
import { containerVariables, imdsVariables } from '../../src/server/variables.ts';

const ADDRESS = { containerUri: 'http://127.0.0.1:4000/credentials', imdsEndpoint: 'http://127.0.0.1:4000/' };
const SHELL = {
  PATH: '/bin',
  AWS_ACCESS_KEY_ID: 'AKIAOLD',
  AWS_SECRET_ACCESS_KEY: 'old',
  AWS_SESSION_TOKEN: 'old',
  AWS_PROFILE: 'dev',
  AWS_DEFAULT_PROFILE: 'dev',
  AWS_ROLE_ARN: 'arn:aws:iam::1:role/x',
  AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds',
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/old-token',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/old',
};

test('container mode: full URI and token set; keys, profile, web identity, relative URI and a stale token file cleared', () => {
  const env = applyAssignments(SHELL, containerVariables(ADDRESS, { token: 'tok' }, 'eu-west-1'));
  assert.deepEqual(env, {
    PATH: '/bin',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: ADDRESS.containerUri,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
  });
  const withFile = applyAssignments({ ...SHELL, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'old' }, containerVariables(ADDRESS, { tokenFile: '/run/t' }, undefined));
  assert.equal(withFile.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, '/run/t');
  assert.equal(withFile.AWS_CONTAINER_AUTHORIZATION_TOKEN, undefined, 'a token variable would be used instead of the file by older SDKs');
  assert.equal(withFile.AWS_REGION, undefined);
});

test('IMDS mode: the metadata endpoint set; the container variables (which outrank IMDS) and AWS_EC2_METADATA_DISABLED cleared', () => {
  const env = applyAssignments(SHELL, imdsVariables(ADDRESS, 'eu-west-1'));
  assert.deepEqual(env, { PATH: '/bin', AWS_EC2_METADATA_SERVICE_ENDPOINT: ADDRESS.imdsEndpoint, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
});
