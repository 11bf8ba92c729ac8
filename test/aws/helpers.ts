// A call context for the client tests: real HTTP (undici) to the fakes, instant recorded sleeps,
// fixed jitter and clock, captured debug lines.
import { createHttpClient, type ClosableHttpClient } from '../../src/io/http.ts';
import type { HttpClient } from '../../src/io/context.ts';
import type { AwsCallContext } from '../../src/aws/types.ts';

export interface TestCallContext extends AwsCallContext {
  sleeps: number[];
  debugLines: string[];
  http: HttpClient;
}

export const FIXED_NOW = new Date('2030-01-02T03:04:05Z');

export function testContext(http: HttpClient = createHttpClient({ env: {} }), now: Date = FIXED_NOW): TestCallContext {
  const sleeps: number[] = [];
  const debugLines: string[] = [];
  return {
    http,
    sleeps,
    debugLines,
    sleep: async (ms: number) => void sleeps.push(ms),
    random: () => 0.5,
    debug: (line: string) => void debugLines.push(line),
    now: () => now,
  };
}

export function realHttp(options: { caBundle?: string; maxResponseBytes?: number } = {}): ClosableHttpClient {
  return createHttpClient({ env: {}, ...options });
}
