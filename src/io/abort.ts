// Ctrl-C during a sign-in: every wait (poll sleeps, the browser callback, the lock) races the
// abort signal, so the flow unwinds through its `finally` blocks (lock released, loopback server
// closed) and nothing is written: the token file is only written after a token arrives.
import { AwsctlError, ExitCode } from '../errors.ts';

export function cancelledError(): AwsctlError {
  return new AwsctlError('sign-in cancelled', 'interrupted before it finished; nothing was written', { exitCode: ExitCode.cancelled });
}

/** `promise`, or a rejection with the cancelled error as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
