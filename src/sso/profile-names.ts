// Names for generated profiles (pure): readable and stable. `<prefix><account>-<role>`, with
// the account name and the role lower-cased and reduced to [a-z0-9-_.] (accents dropped, other
// runs become one '-'); an account without a usable name goes by its id. Two accounts whose
// names normalize alike, or a name a hand-written profile already has, are told apart with the
// account id: `<prefix><account>-<id>-<role>`. Stability across runs: a generated profile that
// already holds the plain name for the same account and role keeps it, even when a newcomer
// now collides with it (the newcomer gets the id form).

export interface NameTarget {
  accountId: string;
  accountName?: string;
  roleName: string;
}

export interface NamedTarget extends NameTarget {
  name: string;
}

interface NamingInput {
  prefix: string;
  /** Names that belong to someone else (hand-written profiles, other sessions' generated ones). */
  taken: ReadonlySet<string>;
  /** Names of this session's generated profiles → their `accountId/roleName`. */
  owned: ReadonlyMap<string, string>;
}

interface NamingResult {
  named: NamedTarget[];
  skipped: Array<{ target: NameTarget; reason: string }>;
}

export function normalizeNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
}

const targetKey = (t: Pick<NameTarget, 'accountId' | 'roleName'>): string => `${t.accountId}/${t.roleName}`;

function accountPart(t: NameTarget): { part: string; isId: boolean } {
  const fromName = normalizeNamePart(t.accountName ?? '');
  return fromName ? { part: fromName, isId: false } : { part: t.accountId, isId: true };
}

function rolePart(t: NameTarget): string {
  return normalizeNamePart(t.roleName) || 'role';
}

export function plainName(t: NameTarget, prefix: string): string {
  return `${prefix}${accountPart(t).part}-${rolePart(t)}`;
}

export function qualifiedName(t: NameTarget, prefix: string): string {
  const account = accountPart(t);
  return account.isId ? `${prefix}${account.part}-${rolePart(t)}` : `${prefix}${account.part}-${t.accountId}-${rolePart(t)}`;
}

export function assignProfileNames(targets: readonly NameTarget[], input: NamingInput): NamingResult {
  const byPlain = new Map<string, NameTarget[]>();
  for (const t of targets) {
    const name = plainName(t, input.prefix);
    byPlain.set(name, [...(byPlain.get(name) ?? []), t]);
  }
  const wanted: NamedTarget[] = [];
  for (const [plain, group] of byPlain) {
    const blocked = plain === 'default' || input.taken.has(plain);
    const holder = blocked ? undefined : group.find((t) => input.owned.get(plain) === targetKey(t));
    const keepsPlain = holder ?? (!blocked && group.length === 1 ? group[0] : undefined);
    for (const t of group) wanted.push({ ...t, name: t === keepsPlain ? plain : qualifiedName(t, input.prefix) });
  }
  const count = new Map<string, number>();
  for (const w of wanted) count.set(w.name, (count.get(w.name) ?? 0) + 1);
  const result: NamingResult = { named: [], skipped: [] };
  for (const w of wanted) {
    const clash =
      w.name === 'default' || input.taken.has(w.name)
        ? 'a profile not generated for this session has that name'
        : (count.get(w.name) ?? 0) > 1
          ? 'another account and role normalize to the same name'
          : undefined;
    if (clash) result.skipped.push({ target: { accountId: w.accountId, accountName: w.accountName, roleName: w.roleName }, reason: `${w.name}: ${clash}` });
    else result.named.push(w);
  }
  return result;
}
