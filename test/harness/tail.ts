import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface Tail {
  /** Prints whatever is left and stops; returns whether anything was ever printed. */
  stop(): boolean;
  /** Whether any output arrived yet. */
  readonly started: boolean;
}

/**
 * Follows a file another process appends to (the tests' output, written inside the extension
 * host) and passes each new chunk on, so the terminal shows the tests as they run.
 */
export function tailFile(file: string, onText: (text: string) => void, intervalMs = 100): Tail {
  let offset = 0;
  // A chunk may end inside a multi-byte character; the decoder holds it back until the rest comes.
  const decoder = new StringDecoder('utf8');
  const drain = () => {
    if (!fs.existsSync(file)) return;
    const size = fs.statSync(file).size;
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      fs.closeSync(fd);
    }
    offset = size;
    onText(decoder.write(buffer));
  };
  const timer = setInterval(drain, intervalMs);
  return {
    get started() {
      return offset > 0;
    },
    stop() {
      clearInterval(timer);
      drain();
      return offset > 0;
    },
  };
}
