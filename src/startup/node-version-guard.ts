// The first lines of bin/awsctl (an esbuild banner, scripts/build.ts): on a Node outside the
// package's `engines` range, one line saying which Node awsctl needs and how to get it, instead
// of `process.getBuiltinModule is not a function` and a stack trace. The text is plain ES5 so
// that any Node that can parse the rest of the launcher runs it first. Pure: source text out.

/** One alternative of the range: `^20.18.1` (that major line, from that version) or `>=22.13`. */
interface NodeLowerBound {
  version: [number, number, number];
  sameMajor: boolean;
}

/** `^20.18.1 || >=22.13` (package.json engines.node) → its alternatives. Only these two forms. */
export function parseEnginesRange(range: string): NodeLowerBound[] {
  return range.split('||').map((part) => {
    const match = /^\s*(\^|>=)\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part);
    if (!match) throw new Error(`engines.node alternatives must be ^X.Y.Z or >=X.Y, not ${JSON.stringify(part.trim())}`);
    return { version: [Number(match[2]), Number(match[3] ?? 0), Number(match[4] ?? 0)], sameMajor: match[1] === '^' };
  });
}

/** `Node.js 20.18.1 or later on the 20 line, or 22.13 or later`: for people. */
export function describeRange(bounds: NodeLowerBound[]): string {
  return bounds
    .map(({ version: [major, minor, patch], sameMajor }) => `${major}.${minor}${patch ? `.${patch}` : ''}${sameMajor ? ` (${major}.x)` : ' or later'}`)
    .join(', or ');
}

/** Whether `version` (`22.13.0`) is in the range: the same rule the banner runs. */
export function nodeInRange(version: string, bounds: NodeLowerBound[]): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return bounds.some(({ version: [a, b, c], sameMajor }) => {
    if (sameMajor && major !== a) return false;
    return major !== a ? major > a : minor !== b ? minor > b : patch >= c;
  });
}

/** JavaScript that exits with status 1 and one line on stderr when the running Node is outside `bounds`. */
export function nodeVersionGuard(bounds: NodeLowerBound[]): string {
  const newest = Math.max(...bounds.map((b) => b.version[0]));
  return [
    '(function () {',
    `  var bounds = ${JSON.stringify(bounds.map((b) => [...b.version, b.sameMajor ? 1 : 0]))};`,
    "  var v = String(process.versions && process.versions.node || '0.0.0').split('.');",
    '  var major = Number(v[0]) || 0, minor = Number(v[1]) || 0, patch = Number(v[2]) || 0;',
    '  for (var i = 0; i < bounds.length; i++) {',
    '    var b = bounds[i];',
    '    if (b[3] && major !== b[0]) continue;',
    '    if (major !== b[0] ? major > b[0] : minor !== b[1] ? minor > b[1] : patch >= b[2]) return;',
    '  }',
    `  process.stderr.write('awsctl: Node.js ' + process.versions.node + ' is not supported: awsctl needs Node.js ${describeRange(bounds)} — install one from https://nodejs.org (or: nvm install ${newest}), or use the single binary (docs/packaging.md), which needs no Node\\n');`,
    '  process.exit(1);',
    '})();',
  ].join('\n');
}
