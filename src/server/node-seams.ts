// The real seams of the credential server: node:http (io/http-listener.ts), timers that never
// keep awsctl alive by themselves, and the token file's private folder (mkdtemp in
// $XDG_RUNTIME_DIR, a per-user 0700 folder where the system provides one, else the temp folder).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../io/context.ts';
import { listenHttp } from '../io/http-listener.ts';
import { systemPeerUser } from '../io/peer-user.ts';
import type { Timers } from './credential-holder.ts';
import type { ProfileServerOptions } from './profile-server.ts';
import type { TokenFileSeam } from './token-file.ts';

const nodeTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

function runtimeDir(ctx: Context): string {
  const xdg = ctx.env.XDG_RUNTIME_DIR?.trim();
  if (xdg) {
    try {
      if (statSync(xdg).isDirectory()) return xdg;
    } catch {
      // Not there: fall back to the temp folder.
    }
  }
  return tmpdir();
}

function nodeTokenFileSeam(ctx: Context): TokenFileSeam {
  return {
    makePrivateDir: () => mkdtempSync(join(runtimeDir(ctx), 'awsctl-server-')),
    writeSecret: (path, text) => ctx.fs.writeFileAtomic(path, text, { mode: 0o600 }),
    removeDir: (path) => rmSync(path, { recursive: true, force: true }),
  };
}

export function nodeServerSeams(ctx: Context): Pick<ProfileServerOptions, 'listen' | 'tokenFileSeam' | 'timers' | 'sameUser'> {
  const peerUid = systemPeerUser(ctx.platform);
  const seams: Pick<ProfileServerOptions, 'listen' | 'tokenFileSeam' | 'timers' | 'sameUser'> = {
    listen: listenHttp,
    tokenFileSeam: async () => nodeTokenFileSeam(ctx),
    timers: nodeTimers,
  };
  if (peerUid && typeof process.getuid === 'function') seams.sameUser = { peerUid, ownUid: process.getuid() };
  return seams;
}
