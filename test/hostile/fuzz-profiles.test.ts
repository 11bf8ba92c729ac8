// Random but structured profile files (sections of every kind, the settings that drive
// credential resolution with plausible, odd and hostile values, references between profiles
// that form chains, loops and dangling links) and random environments, through
// parseIni → normalize → planDefaultChain / planCredentials / explain. Planning never does I/O,
// so the only allowed outcomes are a plan or an AwsctlError, within a small time bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAwsctlError } from '../../src/errors.ts';
import { parseIni } from '../../src/ini/parse.ts';
import { explain } from '../../src/plan/explain.ts';
import { planCredentials, planDefaultChain } from '../../src/plan/planner.ts';
import { normalize } from '../../src/profile/normalize.ts';

const RUNS = Number(process.env.HOSTILE_PROFILE_FUZZ_RUNS ?? 3000);
const NAMES = ['default', 'a', 'b', 'c', 'base', 'dev', 'prod', 'with space', 'ünï', ''];
const SESSIONS = ['corp', 'other', 'x y', ''];

const weird = fc.constantFrom(
  '',
  ' ',
  '"quoted"',
  '\\',
  '#not a comment',
  '=',
  'a = b',
  '\u00a0',
  '😀',
  'x'.repeat(3000),
  '0',
  '-1',
  '1e9',
  'NaN',
  'true',
  '${HOME}',
  '~/x',
  '../../etc/passwd',
);
const pick = <T>(values: T[]) => fc.constantFrom(...values);
/** Mostly plausible values, sometimes hostile ones. */
const v = (plausible: fc.Arbitrary<string>) => fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: weird });
const arn = v(
  pick(['arn:aws:iam::111122223333:role/R', 'arn:aws-cn:iam::111122223333:role/path/R', 'arn:aws:iam::1:role/', 'Admin', 'arn:aws:iam::111122223333:mfa/me']),
);

const SETTINGS: Record<string, fc.Arbitrary<string>> = {
  role_arn: arn,
  source_profile: v(pick(NAMES)),
  credential_source: v(pick(['Environment', 'Ec2InstanceMetadata', 'EcsContainer', 'environment', 'Ec2Metadata'])),
  credential_process: v(pick(['/bin/helper', '"C:\\Program Files\\x.exe"', 'awsctl process --profile a', '"unterminated', "'single'"])),
  web_identity_token_file: v(pick(['/tmp/token', '~/token', 'relative/token'])),
  role_session_name: v(pick(['s', 'a b', 'x'.repeat(80)])),
  external_id: weird,
  mfa_serial: arn,
  duration_seconds: v(pick(['900', '3600', '43200', '899', '99999999999999999999', '1.5', 'abc'])),
  aws_access_key_id: v(pick(['AKIAFUZZ000000000001', 'ASIAFUZZ000000000001'])),
  aws_secret_access_key: v(pick(['secret'])),
  aws_session_token: weird,
  sso_session: v(pick(SESSIONS)),
  sso_start_url: v(pick(['https://corp.awsapps.com/start', 'http://x', 'not a url'])),
  sso_region: v(pick(['us-east-1', 'eu-west-1', 'moon-1'])),
  sso_account_id: v(pick(['111122223333', '1'])),
  sso_role_name: v(pick(['Admin'])),
  region: v(pick(['us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1'])),
  sts_regional_endpoints: v(pick(['regional', 'legacy'])),
  endpoint_url: v(pick(['http://127.0.0.1:1', 'https://sts.example.com'])),
  ca_bundle: weird,
  ec2_metadata_service_endpoint: fc.oneof(pick(['http://[fd00:ec2::254]', 'http://169.254.169.254']), weird),
  ec2_metadata_service_endpoint_mode: v(pick(['IPv4', 'IPv6', 'ipv5'])),
  metadata_service_timeout: v(pick(['1', '0', '-3'])),
  metadata_service_num_attempts: v(pick(['1', '0', '100'])),
  max_attempts: v(pick(['1', '0', '-1', '1000'])),
  retry_mode: v(pick(['standard', 'adaptive', 'legacy', 'fast'])),
  services: v(pick(['svc', 'missing'])),
};

const property = fc.constantFrom(...Object.keys(SETTINGS)).chain((key) => SETTINGS[key]!.map((value) => `${key} = ${value}`));
const header = fc.oneof(
  { weight: 6, arbitrary: pick(NAMES).map((n) => (n === 'default' ? '[default]' : `[profile ${n}]`)) },
  { weight: 2, arbitrary: pick(SESSIONS).map((s) => `[sso-session ${s}]`) },
  { weight: 1, arbitrary: pick(['[services svc]', '[services]', '[profile]', '[ profile  a ]', '[profile a b c]', '[preview]']) },
);
const section = fc.tuple(header, fc.array(property, { maxLength: 7 })).map(([h, props]) => [h, ...props].join('\n'));
const configText = fc.array(section, { maxLength: 8 }).map((sections) => `${sections.join('\n\n')}\n`);
const credentialsText = fc
  .array(fc.tuple(pick(NAMES), fc.array(property, { maxLength: 4 })), { maxLength: 4 })
  .map((sections) => sections.map(([n, props]) => [`[${n}]`, ...props].join('\n')).join('\n') + '\n');

const envArb = fc.record(
  {
    AWS_PROFILE: v(pick(NAMES)),
    AWS_ACCESS_KEY_ID: pick(['AKIAENV0000000000001', '']),
    AWS_SECRET_ACCESS_KEY: pick(['env-secret', '']),
    AWS_ROLE_ARN: arn,
    AWS_WEB_IDENTITY_TOKEN_FILE: pick(['/tmp/t', '']),
    AWS_CONTAINER_CREDENTIALS_FULL_URI: fc.oneof(
      pick(['http://127.0.0.1/c', 'http://example.com/c', 'https://x/c', 'file:///etc', 'http://[::1]:80/c', 'http://169.254.170.23/c']),
      weird,
    ),
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: v(pick(['/v2/creds', 'no-slash'])),
    AWS_EC2_METADATA_DISABLED: pick(['true', 'false', 'TRUE', 'yes']),
    AWS_EC2_METADATA_SERVICE_ENDPOINT: v(pick(['http://127.0.0.1:1'])),
    AWS_REGION: v(pick(['us-east-1'])),
    AWS_STS_REGIONAL_ENDPOINTS: v(pick(['regional', 'legacy'])),
  },
  { requiredKeys: [] },
);

test('random structured profile files and environments plan to a Plan or an AwsctlError', (t) => {
  let plans = 0;
  let errors = 0;
  fc.assert(
    fc.property(configText, credentialsText, envArb, fc.option(v(pick(NAMES)), { nil: undefined }), (config, credentials, env, profileFlag) => {
      try {
        const set = normalize(parseIni(config), parseIni(credentials), { config: 'config', credentials: 'credentials' });
        const input = { env, profiles: set, ...(profileFlag !== undefined ? { profileName: profileFlag, profileFromFlag: true } : {}) };
        const chain = planDefaultChain(input); // documented never to throw
        explain(chain, { assumeRoleCacheKey: () => 'k' });
        planCredentials(input);
        plans++;
      } catch (error) {
        assert.ok(
          isAwsctlError(error),
          `not an AwsctlError: ${(error as Error)?.stack ?? String(error)}\n--- config ---\n${config}\n--- env ---\n${JSON.stringify(env)}`,
        );
        assert.doesNotMatch(error.message, /[\r\n]/, 'one line');
        errors++;
      }
    }),
    { numRuns: RUNS },
  );
  t.diagnostic(`${RUNS} runs: ${plans} plans, ${errors} AwsctlErrors`);
  assert.ok(plans > 0 && errors > 0, `both outcomes occur (plans ${plans}, errors ${errors})`);
});
