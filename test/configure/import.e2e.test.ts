// `configure import --csv`: writes the credentials file (exact bytes, other lines kept, a stale
// session token dropped), names profiles by --profile / User name / default, and never
// prints a secret.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempHome } from '../helpers/cli.ts';

const ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let files = 0;
function csv(home: string, text: string): string {
  const path = join(home, `keys-${++files}.csv`);
  writeFileSync(path, text);
  return path;
}

test('the current console CSV goes to --profile, replacing keys and dropping a stale token', async () => {
  const home = tempHome({
    '.aws/credentials': '# mine\r\n[ci]\r\naws_access_key_id = AKIAOLDOLDOLDOLD0000\r\naws_session_token = stale ; x\r\naws_secret_access_key=old\r\n',
  });
  const path = csv(home, `\uFEFFAccess key ID,Secret access key\r\n${ID},${SECRET}\r\n`);
  const result = await runCli(['configure', 'import', '--csv', path, '--profile', 'ci'], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, `awsctl: imported access key ****************MPLE as profile 'ci' in ${home}/.aws/credentials\n`);
  assert.equal(readFileSync(join(home, '.aws', 'credentials'), 'utf8'), `# mine\r\n[ci]\r\naws_access_key_id = ${ID}\r\naws_secret_access_key=${SECRET}\r\n`);
});

test('the older CSV names each profile after its user; without a user column the profile is default', async () => {
  const home = tempHome();
  const path = csv(
    home,
    `User name,Password,Access key ID,Secret access key,Console login link\nalice,pw,${ID},${SECRET},https://x\nbob,pw,AKIAI44QH8DHBEXAMPLE,bobsecretbobsecret,https://x\n`,
  );
  const result = await runCli(['configure', 'import', '--csv', `file://${path}`], { home });
  assert.equal(result.code, 0, result.stderr);
  const credentials = join(home, '.aws', 'credentials');
  assert.equal(
    readFileSync(credentials, 'utf8'),
    `[alice]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n\n[bob]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = bobsecretbobsecret\n`,
  );
  assert.equal(statSync(credentials).mode & 0o777, 0o600);

  const other = tempHome();
  const single = csv(other, `Access key ID,Secret access key\n${ID},${SECRET}\n`);
  assert.equal((await runCli(['configure', 'import', '--csv', single], { home: other, env: { AWS_PROFILE: 'ignored' } })).code, 0);
  assert.equal(readFileSync(join(other, '.aws', 'credentials'), 'utf8'), `[default]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`);
});

test('import errors are one line, change nothing and never show the secret', async () => {
  const home = tempHome({ '.aws/credentials': '[keep]\naws_access_key_id = X\n' });
  const cases: Array<[string[], number, RegExp]> = [
    [['--csv', join(home, 'missing.csv')], 1, /cannot read .*missing.csv: no such file/],
    [['--csv', home], 1, /it is a directory/],
    [
      ['--csv', csv(home, `User name,Access key ID,Secret access key\na,${ID},${SECRET}\nb,${ID},${SECRET}\n`), '--profile', 'one'],
      2,
      /holds 2 access keys and --profile names one profile/,
    ],
    [['--csv', csv(home, `Access key ID,Secret access key\n${ID},${SECRET}\n${ID},${SECRET}\n`)], 2, /would write profile 'default' a second time/],
    [['--csv', csv(home, `User name,Access key ID,Secret access key\nbad name,${ID},${SECRET}\n`)], 2, /invalid section name: 'bad name'/],
    [['--csv', csv(home, 'hello,world\n1,2\n')], 1, /headings/],
  ];
  for (const [args, code, message] of cases) {
    const result = await runCli(['configure', 'import', ...args], { home });
    assert.equal(result.code, code, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.split('\n').length, 2);
    assert.doesNotMatch(result.stderr, /wJalr/);
  }
  assert.equal(readFileSync(join(home, '.aws', 'credentials'), 'utf8'), '[keep]\naws_access_key_id = X\n');
});
