// The AWS client tests' context: the one test context (test/helpers/context.ts) with real HTTP
// (undici) to the fakes, instant recorded sleeps, fixed jitter, and a clock fixed at FIXED_NOW.
import { createHttpClient, type ClosableHttpClient } from '../../src/io/http.ts';
import type { HttpClient } from '../../src/io/context.ts';
import { testContext, type TestContext } from '../helpers/context.ts';

export const FIXED_NOW = new Date('2030-01-02T03:04:05Z');

export function clientContext(http?: HttpClient, now: Date = FIXED_NOW): TestContext {
  return testContext({ ...(http ? { http } : {}), clock: { now } });
}

export function realHttp(options: { caBundle?: string; maxResponseBytes?: number } = {}): ClosableHttpClient {
  return createHttpClient({ env: {}, ...options });
}
