// A ProfileSet from config text, through the real parser and normalizer (as awsctl reads files).
import { parseIni } from '../../src/ini/index.ts';
import { normalize } from '../../src/profile/normalize.ts';
import type { ProfileSet } from '../../src/profile/model.ts';

export function normalizeFiles(config: string, credentials?: string): ProfileSet {
  const paths = { config: '/home/test/.aws/config', credentials: '/home/test/.aws/credentials' };
  return normalize(parseIni(config), credentials === undefined ? undefined : parseIni(credentials), paths);
}
