// Loading one end-to-end case directory (README §2.1 / §2.2) and judging awsctl's outcome
// against it: credentials compared field by field including ABSENT fields, errors asserted as
// "must fail with an AwsctlError" (never the SDK's wording), recorded traffic verified, and
// no secret from the case allowed in the error text, stdout, stderr or debug output.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCredentials } from '../../../src/aws/types.ts';
import { parseDvrTraffic, parseKotlinTraffic } from './traffic.ts';
import type { RecordedExchange } from './traffic.ts';

export type TrafficFormat = 'rust' | 'kotlin';

export type Expected = { kind: 'ok'; value: Record<string, unknown> } | { kind: 'error'; contains: string };

export interface E2eCase {
  name: string;
  dir: string;
  env: Record<string, string>;
  /** The case's fs/ directory, undefined when it has none. */
  fsRoot: string | undefined;
  exchanges: RecordedExchange[];
  expected: Expected;
}

function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** Case directories (those with a test-case.json) under a suite directory, sorted. */
export function listCaseDirs(suiteDir: string): string[] {
  return readdirSync(suiteDir)
    .filter((name) => existsSync(join(suiteDir, name, 'test-case.json')))
    .sort()
    .map((name) => join(suiteDir, name));
}

function readEnv(dir: string, format: TrafficFormat): Record<string, string> {
  const path = join(dir, 'env.json');
  if (!existsSync(path)) {
    if (format === 'kotlin') return {}; // §2.2: no env.json = an empty environment
    throw new Error(`${path} is missing`);
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(readJsonFile(path) as Record<string, unknown>)) env[name] = String(value);
  return env;
}

function readExpected(dir: string): Expected {
  const result = (readJsonFile(join(dir, 'test-case.json')) as { result?: Record<string, unknown> }).result ?? {};
  if (result.Ok && typeof result.Ok === 'object') return { kind: 'ok', value: result.Ok as Record<string, unknown> };
  if (typeof result.ErrorContains === 'string') return { kind: 'error', contains: result.ErrorContains };
  throw new Error(`${dir}/test-case.json: result is neither Ok nor ErrorContains`);
}

export function loadE2eCase(dir: string, format: TrafficFormat): E2eCase {
  const trafficPath = join(dir, 'http-traffic.json');
  const exchanges = !existsSync(trafficPath)
    ? [] // Kotlin: no recording = no HTTP allowed
    : format === 'rust'
      ? parseDvrTraffic(readJsonFile(trafficPath))
      : parseKotlinTraffic(readJsonFile(trafficPath));
  const fsDir = join(dir, 'fs');
  return {
    name: dir.split(/[\\/]/).at(-1)!,
    dir,
    env: readEnv(dir, format),
    fsRoot: existsSync(fsDir) && statSync(fsDir).isDirectory() ? fsDir : undefined,
    exchanges,
    expected: readExpected(dir),
  };
}

/** awsctl's credentials in the case file's shape: Rust `account_id`, Kotlin `accountId`; expiry in epoch seconds. */
export function credentialsView(credentials: AwsCredentials, format: TrafficFormat): Record<string, unknown> {
  const view: Record<string, unknown> = { access_key_id: credentials.accessKeyId, secret_access_key: credentials.secretAccessKey };
  if (credentials.sessionToken !== undefined) view.session_token = credentials.sessionToken;
  if (credentials.accountId !== undefined) view[format === 'rust' ? 'account_id' : 'accountId'] = credentials.accountId;
  if (credentials.expiration !== undefined) view.expiry = credentials.expiration.getTime() / 1000;
  return view;
}

/**
 * The expected object as it must compare: Rust exactly; Kotlin without `business_metrics`
 * (a user-agent feature) and, when no expiry is expected, without the actual expiry (§2.2).
 */
export function comparableViews(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  format: TrafficFormat,
): [Record<string, unknown>, Record<string, unknown>] {
  if (format === 'rust') return [expected, actual];
  const { business_metrics: _ignored, ...wanted } = expected;
  const got = { ...actual };
  if (!('expiry' in wanted)) delete got.expiry;
  return [wanted, got];
}

const SECRET_FIELD = /"(?:SecretAccessKey|secretAccessKey|SessionToken|sessionToken|Token|accessToken|refreshToken|clientSecret)"\s*:\s*"([^"]+)"/g;
const SECRET_ELEMENT = /<(?:SecretAccessKey|SessionToken)>([^<]+)</g;

/** Secret values a case carries (env keys, recorded response bodies, expected credentials, SSO caches, token files). */
export function caseSecrets(c: E2eCase, readFile: (path: string) => Buffer | undefined): string[] {
  const found = new Set<string>();
  const add = (value: unknown): void => {
    // Very short values ("secret") are ordinary words that debug text may contain on its own.
    if (typeof value === 'string' && value.trim().length >= 7) found.add(value.trim());
  };
  const scan = (text: string): void => {
    for (const m of text.matchAll(SECRET_FIELD)) add(m[1]);
    for (const m of text.matchAll(SECRET_ELEMENT)) add(m[1]);
  };
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']) add(c.env[name]);
  for (const name of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']) {
    const path = c.env[name];
    if (path) add(readFile(path)?.toString('utf8'));
  }
  for (const { request, response } of c.exchanges) {
    if (response.kind !== 'response') continue;
    scan(response.body);
    // The IMDS session token is the plain-text body of the token PUT.
    if (request.uri.endsWith('/latest/api/token') && response.status === 200) add(response.body);
  }
  if (c.expected.kind === 'ok') {
    add(c.expected.value.secret_access_key);
    add(c.expected.value.session_token);
    add(c.expected.value.token);
  }
  const cache = readdirSafe(c.fsRoot ? join(c.fsRoot, 'home', '.aws', 'sso', 'cache') : undefined);
  for (const file of cache) scan(readFileSync(file, 'utf8'));
  return [...found];
}

function readdirSafe(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Which of the outputs contain which secret (by position, never the secret itself). */
export function secretLeaks(secrets: readonly string[], outputs: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(outputs)) {
    secrets.forEach((secret, index) => {
      if (text.includes(secret)) leaks.push(`secret #${index + 1} (${secret.length} chars) appears in ${where}`);
    });
  }
  return leaks;
}
