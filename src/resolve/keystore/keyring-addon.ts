// Loading @napi-rs/keyring's native addon (a `.node` file) at run time. esbuild cannot bundle
// native code, so each install path carries the addon as a file of its own and loads it by path:
// - npm package / checkout: `npm run build` copies the installed platform addon(s) into
//   dist/native/ (scripts/build.ts), so the published package needs no runtime dependency;
// - single binary: the addon is a SEA asset (scripts/package.ts), written once to the user's
//   cache folder (0600 in a 0700 folder, checked against its hash: code we run never sits in a
//   shared temp folder) and loaded from there;
// - running from the sources (tests of modules, scripts): the package in node_modules.
// When none of these has an addon for this platform, the keyring store says so and names the
// encrypted file store as the way on.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userCacheDir } from '../../io/user-cache-dir.ts';
import { writeFileAtomicSync } from '../../io/atomic-write.ts';

export const KEYRING_ADDON_ASSET = 'keyring.node';
const PACKAGE = '@napi-rs/keyring';

export interface KeyringEntry {
  setPassword(password: string): void;
  getPassword(): string | null;
  deletePassword(): boolean;
}

export interface KeyringAddon {
  Entry: new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => KeyringEntry;
  findCredentials(service: string): Array<{ account: string; password: string }>;
}

/** The napi-rs name of this platform's build: linux-x64-gnu, darwin-arm64, win32-x64-msvc, … */
export function addonTriple(platform: string = process.platform, arch: string = process.arch, musl: boolean = isMusl()): string {
  if (platform === 'linux') return arch === 'arm' ? 'linux-arm-gnueabihf' : `linux-${arch}-${musl ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function isMusl(): boolean {
  if (process.platform !== 'linux') return false;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return !header?.glibcVersionRuntime;
}

export function addonFileName(triple: string = addonTriple()): string {
  return `keyring.${triple}.node`;
}

/** The addon, or why it could not be loaded (for the error that points at the file store). */
export function loadKeyringAddon(env: Readonly<Record<string, string | undefined>>): KeyringAddon | { missing: string } {
  const tried: string[] = [];
  const fromSea = seaAddonPath(env, tried);
  const candidates = [...(fromSea ? [fromSea] : []), ...shippedAddonPaths()];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    try {
      return dlopen(path);
    } catch (error) {
      tried.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    // A variable name, so that esbuild leaves this require alone (the package loads .node files).
    const name = PACKAGE;
    return createRequire(moduleUrl() ?? join(process.cwd(), 'x.js'))(name) as KeyringAddon;
  } catch {
    tried.push(`no ${addonFileName()} shipped with this awsctl, and no ${PACKAGE} package installed`);
  }
  return { missing: tried.join('; ') };
}

function dlopen(path: string): KeyringAddon {
  const module = { exports: {} as KeyringAddon };
  process.dlopen(module, path);
  return module.exports;
}

function moduleUrl(): string | undefined {
  try {
    return typeof import.meta.url === 'string' && import.meta.url.startsWith('file:') ? import.meta.url : undefined;
  } catch {
    return undefined;
  }
}

/** dist/native/<file> seen from dist/ or from dist/chunks/, wherever esbuild put this module. */
function shippedAddonPaths(): string[] {
  const url = moduleUrl();
  if (!url) return [];
  const here = fileURLToPath(new URL('.', url));
  return [join(here, 'native', addonFileName()), join(here, '..', 'native', addonFileName())];
}

/** In the single binary: the embedded addon, written to the user's cache folder once. */
function seaAddonPath(env: Readonly<Record<string, string | undefined>>, tried: string[]): string | undefined {
  const sea = process.getBuiltinModule?.('node:sea') as { isSea(): boolean; getAsset(name: string): ArrayBuffer } | undefined;
  if (!sea?.isSea()) return undefined;
  let data: Buffer;
  try {
    data = Buffer.from(sea.getAsset(KEYRING_ADDON_ASSET));
  } catch {
    tried.push(`this binary was built without the keyring addon for ${addonTriple()}`);
    return undefined;
  }
  const folder = userCacheDir(process.platform, env);
  if (!folder) {
    tried.push('no home folder to unpack the keyring addon into');
    return undefined;
  }
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
  const path = join(folder, `keyring-${hash}.node`);
  try {
    const existing = existsSync(path) ? readFileSync(path) : undefined;
    if (!existing?.equals(data)) writeFileAtomicSync(path, data);
    return path;
  } catch (error) {
    tried.push(`could not unpack the keyring addon into ${folder}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
