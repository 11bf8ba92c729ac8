// A last safety net for --debug output: callers already leave secrets out of their messages,
// but anything shaped like a secret key or token (long base64/hex runs) is masked anyway,
// and access key ids keep only their last four characters.
const LONG_SECRET_SHAPE = /(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+=_-]{32,}(?![A-Za-z0-9/+=_-])/g;
const ACCESS_KEY_ID = /\b(A[SK]IA|AROA|AIDA)[A-Z0-9]{12,}([A-Z0-9]{4})\b/g;

// A cache file's path (`.aws/cli/cache/<sha1 hex>`): a hash of the request, shown in full by
// `awsctl explain`, so --debug shows it the same way (issue 15).
const CACHE_PATH = /^(?:[A-Za-z0-9_-]+\/)*cache\/(?:awsctl-session-)?[0-9a-f]{40}$/;

export function redact(text: string): string {
  return text
    .replace(LONG_SECRET_SHAPE, (run) => (CACHE_PATH.test(run) ? run : '****'))
    .replace(ACCESS_KEY_ID, (_m, prefix: string, last: string) => `${prefix}…${last}`);
}

/** How a secret appears in human output: its presence and length class, never its value. */
export function maskSecret(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}

/** Query strings can carry tokens (e.g. OAuth codes); debug output shows only their names. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const names = url
    .slice(q + 1)
    .split('&')
    .map((pair) => pair.split('=')[0]);
  return `${url.slice(0, q)}?${names.map((n) => `${n}=…`).join('&')}`;
}
