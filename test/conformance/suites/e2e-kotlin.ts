// Suite 5 (README §7): Kotlin's port of the default-chain cases, with its simpler traffic format
// (an ordered array of exchanges), `accountId` in camelCase, and expiry ignored when absent.
import { e2eSuite } from '../replay/e2e-suite.ts';

export const suite = e2eSuite({
  name: 'e2e-default-chain (kotlin)',
  data: 'aws-sdk-kotlin/aws-runtime/aws-config/common/test-resources/default-provider-chain',
  format: 'kotlin',
  scope: 'default-chain',
});
