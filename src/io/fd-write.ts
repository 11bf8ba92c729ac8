// Writing the result to a file descriptor synchronously, without creating process.stdout.
// On POSIX Node already writes stdout synchronously for files and pipes; but the first touch of
// process.stdout on a pipe (how SDKs run `credential_process`) builds a net.Socket and loads
// net and stream internals, ~2 ms of a ~30 ms budget. A short, complete writeSync loop gives the
// same bytes in the same order. EAGAIN (a non-blocking pipe whose reader is slow) is waited out.
import { writeSync } from 'node:fs';

// Made on the first EAGAIN only: most runs never wait, and a startup snapshot has no SharedArrayBuffer.
let pause: Int32Array | undefined;

export function writeAllSync(fd: number, text: string, write: typeof writeSync = writeSync): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += write(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The reader went away (`awsctl env | head -1`): nothing more can be delivered.
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 2);
    }
  }
}
