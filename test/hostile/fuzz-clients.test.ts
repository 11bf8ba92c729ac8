// Response fuzz through the real clients (STS, SSO portal, SSO-OIDC, IMDS, container) over real
// HTTP against a tiny local server: well-formed answers cut at random points, fields of the
// wrong type, invalid XML/JSON, random bytes, and now and then a body past the size cap. Every
// call must end, quickly, either with credentials whose fields are strings or with one
// AwsctlError; and an error must never quote the secret that the mangled answer carried.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createContainerTarget, clients, type ClientName } from './fuzz-targets.ts';
import { startFakeServer, type Reply } from '../fake-aws/index.ts';
import { realHttp, clientContext } from '../aws/helpers.ts';
import { isAwsctlError } from '../../src/errors.ts';

const SECRET_MARK = 'FUZZSECRET';
const RUNS = Number(process.env.HOSTILE_FUZZ_RUNS ?? 300);
const CALL_BOUND_MS = 4000;

let next: Reply = { status: 200, body: '' };
const server = await startFakeServer((request) => {
  // IMDS plumbing around the fuzzed credential document: a token and a role name.
  if (request.path === '/latest/api/token') return { status: 200, body: 'imds-session' };
  if (/\/security-credentials(-extended)?\/$/.test(request.path)) return { status: 200, body: 'r' };
  return next;
});
const http = realHttp();
after(async () => {
  await http.close?.();
  await server.close();
});

/** Mangles a well-formed body: cut, type-swapped, or replaced. */
function mangled(valid: string, isJson: boolean): fc.Arbitrary<{ body: string; carriesSecret: boolean }> {
  const cut = fc.nat({ max: valid.length }).map((n) => ({ body: valid.slice(0, n), carriesSecret: true }));
  const bytes = fc.uint8Array({ maxLength: 300 }).map((a) => ({ body: Buffer.from(a).toString('latin1'), carriesSecret: false }));
  const text = fc.string({ maxLength: 200 }).map((s) => ({ body: s, carriesSecret: false }));
  const wrongTypes = isJson
    ? fc
        .constantFrom<unknown>(1, -1.5, null, true, [], {}, '', 'x', [SECRET_MARK], { nested: SECRET_MARK }, 1e308)
        .chain((value) => fc.nat({ max: 20 }).map((seed) => ({ body: swapJsonValue(valid, seed, value), carriesSecret: true })))
    : fc
        .constantFrom('', '<x/>', '<![CDATA[x]]>', '&amp;', '&bogus;', '<a><b></a>')
        .chain((inner) => fc.nat({ max: 20 }).map((seed) => ({ body: swapXmlText(valid, seed, inner), carriesSecret: true })));
  const huge = fc.constant({ body: `${isJson ? '{"x":"' : '<x>'}${'a'.repeat(1024 * 1024 + 10)}`, carriesSecret: false });
  const tricky = fc.constantFrom(
    { body: isJson ? '[]' : '<?xml version="1.0"?>', carriesSecret: false },
    { body: isJson ? '"just a string"' : '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><x>&a;&a;&a;</x>', carriesSecret: false },
    { body: '<html><body>Captive portal</body></html>', carriesSecret: false },
    { body: isJson ? `{"__proto__":{"polluted":1},"x":"${SECRET_MARK}"` : `<x>${SECRET_MARK}`, carriesSecret: true },
  );
  return fc.oneof(
    { weight: 5, arbitrary: cut },
    { weight: 3, arbitrary: wrongTypes },
    { weight: 2, arbitrary: bytes },
    { weight: 2, arbitrary: text },
    { weight: 2, arbitrary: tricky },
    { weight: 1, arbitrary: huge },
  );
}

/** Replaces the seed-th JSON string value with `value`. */
function swapJsonValue(valid: string, seed: number, value: unknown): string {
  const matches = [...valid.matchAll(/"([A-Za-z]+)":("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g)];
  if (matches.length === 0) return valid;
  const m = matches[seed % matches.length]!;
  return valid.slice(0, m.index) + `"${m[1]}":${JSON.stringify(value)}` + valid.slice(m.index! + m[0].length);
}

/** Replaces the text of the seed-th XML leaf element with `inner`. */
function swapXmlText(valid: string, seed: number, inner: string): string {
  const matches = [...valid.matchAll(/<([A-Za-z]+)>([^<]*)<\/\1>/g)];
  if (matches.length === 0) return valid;
  const m = matches[seed % matches.length]!;
  return valid.slice(0, m.index) + `<${m[1]}>${inner}</${m[1]}>` + valid.slice(m.index! + m[0].length);
}

function withBound<T>(promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${CALL_BOUND_MS} ms (a hang)`)), CALL_BOUND_MS);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

const statuses = fc.oneof({ weight: 8, arbitrary: fc.constant(200) }, { weight: 1, arbitrary: fc.constantFrom(400, 401, 403, 404, 500, 503) });

for (const name of Object.keys(clients) as ClientName[]) {
  test(`fuzzed ${name} answers end in credentials or one AwsctlError, never a crash, hang or leaked secret`, async () => {
    const client = clients[name];
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(mangled(client.valid, client.json), statuses, async ({ body, carriesSecret }, status) => {
        next = { status, headers: { 'content-type': client.json ? 'application/json' : 'text/xml' }, body };
        const ctx = clientContext(http);
        try {
          const result = await withBound(client.call(ctx, server.url), name);
          for (const field of ['accessKeyId', 'secretAccessKey'] as const) assert.equal(typeof result[field], 'string', `${field} is a string`);
          if (result.expiration !== undefined) assert.ok(result.expiration instanceof Date && !Number.isNaN(result.expiration.getTime()), 'a real expiration');
        } catch (error) {
          errors++;
          assert.ok(isAwsctlError(error), `not an AwsctlError: ${(error as Error)?.stack ?? String(error)}`);
          assert.doesNotMatch(error.message, /\n/, 'one line');
          if (carriesSecret && status === 200) assert.ok(!error.message.includes(SECRET_MARK), `the error quotes the secret: ${error.message}`);
          for (const line of ctx.debugLines) assert.ok(!line.includes(SECRET_MARK), `debug quotes the secret: ${line}`);
        }
      }),
      { numRuns: RUNS },
    );
    assert.ok(errors > 0, 'the fuzz produced failures to judge');
  });
}

test('the container client takes the same fuzz through its own target shape', () => {
  // Guards the helper module: the container target needs a full URI, not a base endpoint.
  assert.equal(createContainerTarget('http://127.0.0.1:1').uri, 'http://127.0.0.1:1/v1/credentials');
});
