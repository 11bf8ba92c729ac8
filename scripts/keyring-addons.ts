// The native addons of @napi-rs/keyring that npm installed (one per platform it installed for;
// normally just this machine's), for scripts/build.ts (dist/native/) and scripts/package.ts (a
// SEA asset). See src/resolve/keystore/keyring-addon.ts for how they are loaded.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** node_modules/@napi-rs/keyring-<platform>/keyring.<platform>.node for every platform installed. */
export function installedKeyringAddons(root = '.'): string[] {
  const scope = join(root, 'node_modules', '@napi-rs');
  if (!existsSync(scope)) return [];
  return readdirSync(scope)
    .filter((name) => name.startsWith('keyring-'))
    .flatMap((name) =>
      readdirSync(join(scope, name))
        .filter((file) => /^keyring\..+\.node$/.test(file))
        .map((file) => join(scope, name, file)),
    );
}
