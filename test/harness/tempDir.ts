import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup } from './cleanup';

/** A fresh folder under the system temp dir, removed at cleanup: runs never share state. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sr-${prefix}-`));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}
