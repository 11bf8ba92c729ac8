// Where awsctl keeps per-user caches that are not credentials (the trained start-up code cache,
// the keyring addon unpacked from the single binary). Pure and import-free: the launcher bundles it.

/**
 * The per-user cache folder (never a shared temp folder: a code cache is code we run), or
 * undefined when there is no home to put it in. Follows each platform's convention.
 */
export function userCacheDir(platform: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || (env.USERPROFILE ? `${env.USERPROFILE}\\AppData\\Local` : undefined);
    return base ? `${base}\\awsctl\\cache` : undefined;
  }
  const home = env.HOME || undefined;
  if (platform === 'darwin') return home ? `${home}/Library/Caches/awsctl` : undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg?.startsWith('/')) return `${xdg}/awsctl`; // the XDG spec: relative values are ignored
  return home ? `${home}/.cache/awsctl` : undefined;
}
