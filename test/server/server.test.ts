// The credential server in-process, over real HTTP on 127.0.0.1: who it answers (token, Host,
// Origin, X-Forwarded-For), the container and IMDSv2 shapes, errors, and load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CREDS, startRig, TOKEN } from './rig.ts';
import { execFile, execFileSync } from 'node:child_process';
import { peerUidFromProcNet, systemPeerUser } from '../../src/io/peer-user.ts';
import { tokenMatches } from '../../src/server/token.ts';

test('the container route answers the right token with the credentials in the container-endpoint shape', async () => {
  const rig = await startRig();
  try {
    const ok = await rig.get('/credentials', { authorization: TOKEN });
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), {
      AccessKeyId: CREDS.accessKeyId,
      SecretAccessKey: 'secret-1',
      Token: 'session-1',
      Expiration: '2030-01-01T01:00:00Z',
      AccountId: '123456789012',
    });
    assert.equal(ok.headers['cache-control'], 'no-store');
    assert.match(rig.server.containerUri, /^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
  } finally {
    await rig.close();
  }
});

test('a missing token is 401, a wrong one 403, and neither says anything secret', async () => {
  const rig = await startRig();
  try {
    const missing = await rig.get('/credentials');
    assert.equal(missing.status, 401);
    const wrong = await rig.get('/credentials', { authorization: `${TOKEN.slice(0, -1)}x` });
    assert.equal(wrong.status, 403);
    const longer = await rig.get('/credentials', { authorization: `${TOKEN}x` });
    assert.equal(longer.status, 403);
    for (const response of [missing, wrong, longer]) {
      assert.equal(JSON.parse(response.body).Code !== undefined, true);
      assert.ok(!response.body.includes('secret-1') && !response.body.includes(TOKEN));
    }
    assert.ok(!rig.debug.join('\n').includes(TOKEN), 'the token never reaches debug output');
  } finally {
    await rig.close();
  }
});

test('tokenMatches compares whole values and accepts any of the current tokens', () => {
  assert.equal(tokenMatches('abc', ['abc']), true);
  assert.equal(tokenMatches('abd', ['abc']), false);
  assert.equal(tokenMatches('ab', ['abc']), false);
  assert.equal(tokenMatches(undefined, ['abc']), false);
  assert.equal(tokenMatches('', ['']), false, 'an empty token never matches');
  assert.equal(tokenMatches('new', ['old', 'new']), true);
});

test('a Host that is not the bound address (DNS rebinding), an Origin, or X-Forwarded-For is refused even with the token', async () => {
  const rig = await startRig({ imds: true });
  try {
    const port = rig.server.port;
    assert.equal((await rig.get('/credentials', { authorization: TOKEN, host: `evil.example:${port}` })).status, 403);
    assert.equal((await rig.get('/credentials', { authorization: TOKEN, host: `127.0.0.1:${port + 1}` })).status, 403);
    assert.equal((await rig.get('/credentials', { authorization: TOKEN, host: `localhost:${port}` })).status, 200, 'localhost names loopback too');
    assert.equal((await rig.get('/credentials', { authorization: TOKEN, origin: 'https://evil.example' })).status, 403);
    assert.equal((await rig.get('/credentials', { authorization: TOKEN, 'x-forwarded-for': '10.0.0.1' })).status, 403);
    assert.equal((await rig.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.1' }, 'PUT')).status, 403);
    assert.equal((await rig.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60', host: `evil.example:${port}` }, 'PUT')).status, 403);
  } finally {
    await rig.close();
  }
});

test('IMDSv2 only: no token → 401, a bad TTL → 400, an expired token → 401; with a token: role, credentials, region', async () => {
  const rig = await startRig({ imds: true });
  try {
    assert.equal((await rig.get('/latest/meta-data/iam/security-credentials/')).status, 401, 'IMDSv1 (no token) is refused');
    assert.equal((await rig.get('/latest/api/token', {}, 'PUT')).status, 400);
    assert.equal((await rig.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21601' }, 'PUT')).status, 400);
    assert.equal((await rig.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, 'GET')).status, 405);
    const put = await rig.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, 'PUT');
    assert.equal(put.status, 200);
    assert.equal(put.headers['x-aws-ec2-metadata-token-ttl-seconds'], '60');
    const token = { 'x-aws-ec2-metadata-token': put.body };
    assert.equal((await rig.get('/latest/meta-data/iam/security-credentials/', token)).body, 'dev');
    const creds = JSON.parse((await rig.get('/latest/meta-data/iam/security-credentials/dev', token)).body);
    assert.deepEqual(
      { ...creds, LastUpdated: undefined },
      {
        Code: 'Success',
        LastUpdated: undefined,
        Type: 'AWS-HMAC',
        AccessKeyId: CREDS.accessKeyId,
        SecretAccessKey: 'secret-1',
        Token: 'session-1',
        Expiration: '2030-01-01T01:00:00Z',
      },
    );
    assert.equal(JSON.parse((await rig.get('/latest/meta-data/iam/security-credentials-extended/dev', token)).body).AccountId, '123456789012');
    assert.equal((await rig.get('/latest/meta-data/iam/security-credentials/other', token)).status, 404);
    assert.equal((await rig.get('/latest/meta-data/placement/region', token)).body, 'eu-west-1');
    assert.equal((await rig.get('/latest/meta-data/iam/security-credentials/dev', { 'x-aws-ec2-metadata-token': 'forged' })).status, 401);
    rig.clock.now = new Date(rig.clock.now.getTime() + 61_000);
    assert.equal((await rig.get('/latest/meta-data/iam/security-credentials/dev', token)).status, 401, 'an expired token is refused');
  } finally {
    await rig.close();
  }
});

test('expired credentials: requests get a clear JSON error at once, never a hang', async () => {
  const rig = await startRig({ imds: true });
  try {
    rig.current.value = {
      kind: 'unavailable',
      reason: 'the credentials of profile dev expired at 2030-01-01T01:00:00Z and the last refresh failed: STS is down',
    };
    const container = await rig.get('/credentials', { authorization: TOKEN });
    assert.equal(container.status, 503);
    assert.deepEqual(JSON.parse(container.body), { Code: 'CredentialsUnavailable', Message: rig.current.value.reason });
    const put = await rig.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, 'PUT');
    assert.equal((await rig.get('/latest/meta-data/iam/security-credentials/dev', { 'x-aws-ec2-metadata-token': put.body })).status, 503);
  } finally {
    await rig.close();
  }
});

test('200 concurrent requests are all answered', async () => {
  const rig = await startRig();
  try {
    const responses = await Promise.all(Array.from({ length: 200 }, () => rig.get('/credentials', { authorization: TOKEN })));
    assert.equal(responses.filter((r) => r.status === 200).length, 200);
    assert.ok(responses.every((r) => JSON.parse(r.body).AccessKeyId === CREDS.accessKeyId));
  } finally {
    await rig.close();
  }
});

test('--debug lines name the method, path, status and client, and nothing secret', async () => {
  const rig = await startRig();
  try {
    await rig.get('/credentials', { authorization: TOKEN, 'user-agent': 'Botocore/1.43.11 ua/2.1 os/linux' });
    assert.match(rig.debug.at(-1) ?? '', /^server: GET \/credentials → 200 \(Botocore\/1\.43\.11, [\d.]+ ms\)$/);
    assert.ok(!rig.debug.join('\n').includes('secret-1'));
  } finally {
    await rig.close();
  }
});

test('peerUidFromProcNet finds the uid of the client end of a loopback connection', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:9C40 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0 20 4 30 10 -1',
    '   1: 0100007F:D431 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 2 1 0 20 4 30 10 -1',
  ].join('\n');
  assert.equal(peerUidFromProcNet(table, 0xd431, 0x9c40), 1000, 'the client row, not the server row');
  assert.equal(peerUidFromProcNet(table, 0xd432, 0x9c40), undefined);
});

const peerUser = systemPeerUser(process.platform);
const ownUid = typeof process.getuid === 'function' ? process.getuid() : -1;

test('IMDS tokens only for processes of the same user (Linux: the socket owner in /proc/net/tcp)', {
  skip: !peerUser && 'only Linux can say who owns a socket',
}, async () => {
  const same = await startRig({ imds: true, sameUser: { peerUid: peerUser!, ownUid } });
  const other = await startRig({ imds: true, sameUser: { peerUid: peerUser!, ownUid: ownUid + 1 } });
  try {
    assert.equal((await same.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, 'PUT')).status, 200);
    const refused = await other.get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, 'PUT');
    assert.equal(refused.status, 403);
    assert.match(refused.body, /processes of the user running awsctl only/);
  } finally {
    await same.close();
    await other.close();
  }
});

const canSwitchUser =
  ownUid === 0 &&
  peerUser !== undefined &&
  ['setpriv', 'curl'].every((tool) => {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });

test('a process of another user (nobody, through setpriv) gets no IMDS token', { skip: !canSwitchUser && 'needs root, setpriv and curl' }, async () => {
  const rig = await startRig({ imds: true, sameUser: { peerUid: peerUser!, ownUid } });
  try {
    // curl runs asynchronously: the server answering it lives in this process.
    const asNobody = await runAsync(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
    assert.equal(asNobody, '403');
    assert.equal(await runAsync(['env']), '200', 'the same user gets one');
  } finally {
    await rig.close();
  }

  function runAsync(prefix: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        prefix[0]!,
        [
          ...prefix.slice(1),
          'curl',
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          '-X',
          'PUT',
          '-H',
          'X-aws-ec2-metadata-token-ttl-seconds: 60',
          `http://127.0.0.1:${rig.server.port}/latest/api/token`,
        ],
        { encoding: 'utf8' },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
  }
});
