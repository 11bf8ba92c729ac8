// A one-line spinner on stderr while we wait for the person in the browser. Only on a terminal:
// in a log or a pipe it would be noise.
import type { Output } from './context.ts';

interface Spinner {
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function startSpinner(stream: Output, text: string, intervalMs = 100): Spinner {
  if (!stream.isTTY) return { stop: () => {} };
  let frame = 0;
  const draw = () => stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${text}`);
  draw();
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}
