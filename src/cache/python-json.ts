// Python's json.dumps, byte for byte, for the values botocore hashes into cache keys and
// writes into cache files. Cache file names are sha1 of this text, so "almost the same JSON"
// means "a different file than the AWS CLI's": separators, key order, \u escapes of non-ASCII
// (ensure_ascii) and the int/float spelling of numbers must all match.

/** A number whose Python spelling must be kept: the source text of a JSON number, and whether Python reads it as int or float. */
interface PyNumber {
  readonly pyNumber: string;
}

export type PyJson = null | boolean | number | string | PyNumber | PyJson[] | { [key: string]: PyJson | undefined };

interface DumpsOptions {
  /** sort_keys=True */
  sortKeys?: boolean;
  /** separators=(',', ':') instead of the default (', ', ': ') */
  compact?: boolean;
}

function isPyNumber(value: unknown): value is PyNumber {
  return typeof value === 'object' && value !== null && typeof (value as PyNumber).pyNumber === 'string';
}

/** ensure_ascii: everything outside space..tilde is escaped; astral characters as surrogate pairs (JS strings already are). */
function pyString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const ch = text[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (unit < 0x20 || unit > 0x7e) out += '\\u' + unit.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** repr(float): shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16, else d.ddde+XX. */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fraction || '0'}`;
}

/** How Python prints a JSON number it parsed from `source`: int() keeps every digit, float() goes through repr. */
function pyNumberText(source: string): string {
  if (/^-?\d+$/.test(source)) return BigInt(source).toString();
  return pyFloat(Number(source));
}

/** Python sorts str keys by code point; JS's default sort is by UTF-16 unit, which differs above U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const ca = Array.from(a, (c) => c.codePointAt(0)!);
  const cb = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  return ca.length - cb.length;
}

export function pythonJsonDumps(value: PyJson, options: DumpsOptions = {}): string {
  const itemSep = options.compact ? ',' : ', ';
  const keySep = options.compact ? ':' : ': ';
  const dump = (v: PyJson): string => {
    if (v === null) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'string') return pyString(v);
    if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? String(v) : pyFloat(v);
    if (isPyNumber(v)) return pyNumberText(v.pyNumber);
    if (Array.isArray(v)) return `[${v.map(dump).join(itemSep)}]`;
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (options.sortKeys) keys.sort(compareCodePoints);
    return `{${keys.map((k) => `${pyString(k)}${keySep}${dump(v[k]!)}`).join(itemSep)}}`;
  };
  return dump(value);
}

/** json.loads, keeping each number's source text so an int stays an int and 1.0 stays 1.0 when dumped again. */
export function pythonJsonLoads(text: string): PyJson {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && context?.source !== undefined ? { pyNumber: context.source } : value,
  ) as PyJson;
}
