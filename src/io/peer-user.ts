// Which user is on the other end of a TCP connection to one of our loopback ports. Linux lists
// every socket in /proc/net/tcp and /proc/net/tcp6 with its owner's uid; the client's socket is
// the row whose local port is the client's port and whose remote port is ours. Elsewhere (or
// when the row cannot be found) the answer is undefined: the caller decides what that means.
import { readFileSync } from 'node:fs';

/** The uid owning the socket bound to `clientPort` and connected to `serverPort`, from /proc/net/tcp text. Pure. */
export function peerUidFromProcNet(text: string, clientPort: number, serverPort: number): number | undefined {
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    const remote = fields[2];
    const uid = fields[7];
    if (!local || !remote || uid === undefined) continue;
    const localPort = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
    const remotePort = parseInt(remote.slice(remote.lastIndexOf(':') + 1), 16);
    if (localPort === clientPort && remotePort === serverPort && /^\d+$/.test(uid)) return Number(uid);
  }
  return undefined;
}

type PeerUser = (clientPort: number, serverPort: number) => number | undefined;

/** The real lookup on Linux; undefined elsewhere. */
export function systemPeerUser(platform: NodeJS.Platform): PeerUser | undefined {
  if (platform !== 'linux') return undefined;
  return (clientPort, serverPort) => {
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      try {
        const uid = peerUidFromProcNet(readFileSync(table, 'utf8'), clientPort, serverPort);
        if (uid !== undefined) return uid;
      } catch {
        // No such table (IPv6 off): try the next.
      }
    }
    return undefined;
  };
}
