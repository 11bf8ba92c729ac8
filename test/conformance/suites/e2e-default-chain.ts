// Suite 4 (README §6.1): the smithy-rs default credential provider chain, end to end, replayed
// through awsctl's executor: env.json as the whole environment, fs/ mounted at `/`, recorded
// HTTP (DVR format), frozen clock. Skips only as README §16 allows (see replay/skips.ts).
import { RS } from '../harness.ts';
import { e2eSuite } from '../replay/e2e-suite.ts';

export const suite = e2eSuite({
  name: 'e2e-default-chain (smithy-rs)',
  data: `${RS}/aws-config/test-data/default-credential-provider-chain`,
  format: 'rust',
  scope: 'default-chain',
});
