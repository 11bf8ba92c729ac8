// `awsctl keys list [--json]`: see src/keys/list.ts. A store that cannot be read is a warning on
// stderr, not a failure: the other store's entries are still worth seeing.
import type { Context } from '../../io/context.ts';
import { describeAge, listKeys } from '../../keys/list.ts';
import { formatJson, formatTable } from '../../output/table.ts';
import type { CommandInput } from '../action.ts';
import { explicitStore } from './keys-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const listing = await listKeys(ctx, explicitStore(ctx, input));
  for (const { store, why } of listing.unavailable) ctx.stderr.write(`awsctl: warning: the ${store} store could not be read: ${why}\n`);
  if (input.options['json'] === true) {
    ctx.stdout.write(formatJson({ version: 1, keys: listing.entries, unavailable: listing.unavailable }));
    return 0;
  }
  const now = ctx.now();
  const unreadable = new Set(listing.unavailable.map((u) => u.store));
  const note = (e: (typeof listing.entries)[number]) =>
    unreadable.has(e.store) ? 'store unavailable' : e.keyIdHint === null ? 'missing from the store' : e.wired ? '' : 'no profile uses it';
  const rows = listing.entries.map((e) => [e.profile, e.store, e.keyIdHint ?? '-', e.keyIdHint === null ? '-' : describeAge(e.created, now), note(e)]);
  if (rows.length === 0) ctx.stderr.write('awsctl: no stored keys (awsctl keys add --profile NAME, or keys import)\n');
  else ctx.stdout.write(formatTable(['PROFILE', 'STORE', 'KEY ID', 'AGE', 'NOTE'], rows));
  return 0;
}
