// botocore INI fixtures (README §14): every fixture round-trips byte for byte through the
// lossless model, and the expectations of botocore's test_configloader.py that apply to the
// SDK dialect awsctl reads are checked. botocore's quoted names (`[profile "personal"]`) are read
// as botocore reads them (issue 14), with a portability warning (the Rust and Kotlin SDKs ignore them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAwsctlError } from '../../../src/errors.ts';
import { parseIni, serializeIni } from '../../../src/ini/parse.ts';
import { getValue } from '../../../src/profile/model.ts';
import type { ProfileSet } from '../../../src/profile/model.ts';
import { readProfileText } from '../../../src/profile/load.ts';
import { normalize } from '../../../src/profile/normalize.ts';
import type { CaseResult, Suite } from '../harness.ts';

const DATA = 'botocore/tests/unit/cfg';

function check(name: string, ok: boolean, detail: string): CaseResult {
  return ok ? { name, status: 'pass' } : { name, status: 'fail', detail };
}

/** Bytes → latin1 string is lossless for any bytes, so even the random-bytes fixture must come back identical. */
function roundTrip(dir: string, file: string): CaseResult {
  const bytes = readFileSync(join(dir, file));
  const asLatin1 = Buffer.from(serializeIni(parseIni(bytes.toString('latin1'))), 'latin1');
  const utf8 = bytes.toString('utf8');
  const utf8Ok = Buffer.from(utf8, 'utf8').equals(bytes) ? serializeIni(parseIni(utf8)) === utf8 : true;
  return check(`${file}: byte-exact round trip`, asLatin1.equals(bytes) && utf8Ok, 'serialized bytes differ from the file');
}

function load(dir: string, file: string): ProfileSet {
  return normalize(parseIni(readFileSync(join(dir, file), 'utf8')), undefined, { config: file, credentials: '-' });
}

function fails(dir: string, file: string): boolean {
  try {
    load(dir, file);
    return false;
  } catch (error) {
    return isAwsctlError(error) && error.line !== undefined;
  }
}

function expectations(dir: string): CaseResult[] {
  const config = load(dir, 'aws_config');
  const bad = load(dir, 'aws_bad_profile');
  const nested = load(dir, 'aws_config_nested').profiles['default'];
  const sso = load(dir, 'aws_sso_session_config');
  const services = load(dir, 'aws_services_config');
  const fakeFs = {
    fs: {
      stat: () => ({ isFile: true, isDirectory: false, mode: 0o600, size: 51200, mtimeMs: 0 }),
      readFile: () => readFileSync(join(dir, 'aws_config_badbytes')),
    },
  };
  let badBytes = 'no error';
  try {
    readProfileText(fakeFs as never, 'aws_config_badbytes', 'config');
  } catch (error) {
    badBytes = isAwsctlError(error) ? 'AwsctlError' : String(error);
  }
  return [
    check('aws_config: default profile', getValue(config.profiles['default'], 'aws_access_key_id') === 'foo', JSON.stringify(config.profiles)),
    check(
      'aws_config: [profile "personal"] read as personal',
      getValue(config.profiles['personal'], 'aws_security_token') === 'fiebaz',
      JSON.stringify(config.profiles),
    ),
    check(
      'aws_config: the quoted name carries a portability warning',
      config.warnings.some((w) => w.line === 5 && w.portability === true),
      JSON.stringify(config.warnings),
    ),
    check(
      'aws_bad_profile: malformed quoted headers ignored (two warnings), "my profile" read',
      JSON.stringify(Object.keys(bad.profiles).sort()) === '["default","my profile","personal1"]' && bad.warnings.filter((w) => !w.portability).length === 2,
      JSON.stringify(Object.keys(bad.profiles)),
    ),
    check(
      'aws_bad_profile: [profile "my profile"] read as "my profile"',
      getValue(bad.profiles['my profile'], 'aws_access_key_id') === 'default',
      JSON.stringify(bad.profiles),
    ),
    check('aws_config_bad: property before any section is a parse error', fails(dir, 'aws_config_bad'), 'no error'),
    check('aws_config_badbytes: a clear error, not a crash', badBytes === 'AwsctlError', badBytes),
    check(
      'aws_config_nested: sub-sections as maps and raw values',
      JSON.stringify(nested?.properties['s3']?.subProperties) === '{"signature_version":"s3v4","addressing_style":"path"}' &&
        nested?.properties['s3']?.value === '\nsignature_version = s3v4\naddressing_style = path' &&
        JSON.stringify(nested?.properties['cloudwatch']?.subProperties) === '{"signature_version":"v4"}' &&
        getValue(nested, 'region') === 'us-west-2',
      JSON.stringify(nested),
    ),
    check('aws_config_nested_bad: nested line without = is a parse error', fails(dir, 'aws_config_nested_bad'), 'no error'),
    {
      name: 'aws_config_other + aws_config + aws_third_config: first file wins',
      status: 'skip',
      reason: "botocore's generic multi-file loader; awsctl merges only the config/credentials pair (credentials win), which suites 1 and 1b cover",
    },
    check(
      'aws_sso_session_config: sso-session section',
      getValue(sso.ssoSessions['sso'], 'sso_start_url') === 'https://example.com' && getValue(sso.ssoSessions['sso'], 'sso_region') === 'us-east-1',
      JSON.stringify(sso.ssoSessions),
    ),
    check(
      'aws_services_config: services section and profile endpoint_url',
      services.services['my-services']?.['s3']?.['endpoint_url'] === 'https://localhost:5678/' &&
        services.services['my-services']?.['dynamodb']?.['endpoint_url'] === 'https://localhost:8888/' &&
        getValue(services.profiles['default'], 'endpoint_url') === 'https://localhost:1234/',
      JSON.stringify(services.services),
    ),
    {
      name: 'aws_config_nocreds, aws_credentials, boto_config, boto_config_empty, foo_config',
      status: 'skip',
      reason: 'boto2 / AWS_CREDENTIAL_FILE formats used by botocore credential tests; round trip checked above',
    },
  ];
}

export const suite: Suite = {
  name: 'botocore cfg fixtures',
  data: DATA,
  async run(root) {
    const dir = join(root, DATA);
    const files = readdirSync(dir).sort();
    return [...files.map((file) => roundTrip(dir, file)), ...expectations(dir)];
  },
};
