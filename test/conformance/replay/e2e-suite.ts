// Builds a conformance Suite from a directory of end-to-end credential cases.
import { join } from 'node:path';
import type { CaseResult, Suite } from '../harness.ts';
import { listCaseDirs, loadE2eCase } from './e2e-case.ts';
import type { TrafficFormat } from './e2e-case.ts';
import { describeError, loadResolver, runCredentialCase } from './run-case.ts';
import type { ResolveScope } from './run-case.ts';
import { skipReason } from './skips.ts';

export interface E2eSuiteOptions {
  name: string;
  /** Suite directory relative to the conformance root. */
  data: string;
  format: TrafficFormat;
  scope: ResolveScope;
}

export function e2eSuite(options: E2eSuiteOptions): Suite {
  return {
    name: options.name,
    data: options.data,
    async run(root: string): Promise<CaseResult[]> {
      const dirs = listCaseDirs(join(root, options.data));
      let resolve: Awaited<ReturnType<typeof loadResolver>>;
      try {
        resolve = await loadResolver();
      } catch (error) {
        return [{ name: `(${dirs.length} cases)`, status: 'fail', detail: `executor not available: ${describeError(error)}` }];
      }
      const results: CaseResult[] = [];
      for (const dir of dirs) {
        const name = dir.split(/[\\/]/).at(-1)!;
        const skip = skipReason(name);
        if (skip) {
          results.push({ name, status: 'skip', reason: skip });
          continue;
        }
        try {
          results.push(await runCredentialCase(loadE2eCase(dir, options.format), resolve, { format: options.format, scope: options.scope }));
        } catch (error) {
          results.push({ name, status: 'fail', detail: `runner error: ${describeError(error)}` });
        }
      }
      return results;
    },
  };
}
