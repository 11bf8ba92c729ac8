// Suite 4b (README §6.2): the smithy-rs profile provider alone. Environment credentials in
// env.json must be ignored (e2e_assume_role sets them as a trap), so the executor runs with
// scope 'profile-only'.
import { RS } from '../harness.ts';
import { e2eSuite } from '../replay/e2e-suite.ts';

export const suite = e2eSuite({
  name: 'e2e-profile-provider (smithy-rs)',
  data: `${RS}/aws-config/test-data/profile-provider`,
  format: 'rust',
  scope: 'profile-only',
});
